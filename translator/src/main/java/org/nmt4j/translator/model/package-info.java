/**
 * The seq2seq model as one object: {@link org.nmt4j.translator.model.Seq2SeqModel} assembles
 * encoder, bridge and decoder over one {@link org.nmt4j.nn.Parameters} store, with the
 * configuration records {@link org.nmt4j.translator.model.ModelConfig} and the loss tally
 * {@link org.nmt4j.translator.model.LossStats}.
 */
package org.nmt4j.translator.model;
