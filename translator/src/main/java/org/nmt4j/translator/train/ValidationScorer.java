package org.nmt4j.translator.train;

/**
 * Computes a validation metric other than perplexity (e.g. BLEU of greedy translations) from the
 * model's current weights; registered with {@link Trainer.Builder#validationScorer}.
 */
@FunctionalInterface
public interface ValidationScorer {
  /** The metric on the validation data. */
  double score();
}
