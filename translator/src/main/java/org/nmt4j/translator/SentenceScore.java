package org.nmt4j.translator;

/**
 * The forced-decoding score of one (source, target) pair.
 *
 * @param logProbability natural-log probability of the target tokens and {@code </s>} given the
 *     source
 * @param predictions how many tokens were scored: the target tokens plus {@code </s>}
 */
public record SentenceScore(double logProbability, int predictions) {
  /** @return exp(-logProbability / predictions) */
  public double perplexity() {
    return Math.exp(-logProbability / predictions);
  }
}
