/**
 * The target side of nmt4j's seq2seq model: the {@link org.nmt4j.decoder.Bridge} from encoder
 * final states to decoder initial states, the {@link org.nmt4j.decoder.SeededRnnDecoder}
 * (teacher forcing, output projection and cross-entropy, forward and backward) and {@link
 * org.nmt4j.decoder.DecodingState} for step-by-step decoding with the carried state (h, and c
 * for an LSTM), over the whole target vocabulary or a shortlist of it ({@code
 * ShortlistedOutput}). States are taken in the batch's row order.
 */
package org.nmt4j.decoder;
