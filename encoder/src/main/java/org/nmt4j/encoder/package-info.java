/**
 * The source side of nmt4j's seq2seq model: {@link org.nmt4j.encoder.BiRnnEncoder} (embedding
 * and stacked bidirectional recurrent layers of any cell, forward and backward passes) and {@link
 * org.nmt4j.encoder.EncoderState}, what it hands to the decoder's bridge, in the batch's row order.
 */
package org.nmt4j.encoder;
