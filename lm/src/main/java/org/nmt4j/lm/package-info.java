/**
 * RNN language models on the translator's engine: {@link org.nmt4j.lm.LanguageModel} (load,
 * sample, score) is the public API; training with truncated BPTT is in {@code lm.train}, the
 * network in {@code lm.model}, the inspection views (interpretable cells, gradient flow) in
 * {@code lm.inspect}.
 */
package org.nmt4j.lm;
