package org.nmt4j.translator;

import java.util.List;

/**
 * Forced-decoding scores of a parallel corpus.
 *
 * @param sentences one score per pair, in input order
 */
public record ScoreReport(List<SentenceScore> sentences) {
  /** Makes the list an unmodifiable copy. */
  public ScoreReport {
    sentences = List.copyOf(sentences);
  }

  /** @return the sum of the sentences' log-probabilities */
  public double logProbability() {
    double sum = 0;
    for (SentenceScore s : sentences) {
      sum += s.logProbability();
    }
    return sum;
  }

  /** @return the number of scored tokens over all sentences */
  public long predictions() {
    long n = 0;
    for (SentenceScore s : sentences) {
      n += s.predictions();
    }
    return n;
  }

  /** @return exp(-total log-probability / total predictions): the corpus perplexity (1 if empty) */
  public double perplexity() {
    long n = predictions();
    return n == 0 ? 1.0 : Math.exp(-logProbability() / n);
  }
}
