/**
 * The RNN language model: {@link org.nmt4j.lm.model.RnnLanguageModel} (embedding, stacked
 * unidirectional recurrent layers of any cell, softmax output, all the translator's own parts),
 * its chunk run with truncated BPTT ({@link org.nmt4j.lm.model.ChunkBuffers}), its token-by-token
 * run ({@link org.nmt4j.lm.model.StepSession}) and the carried state ({@link
 * org.nmt4j.lm.model.RecurrentState}).
 */
package org.nmt4j.lm.model;
