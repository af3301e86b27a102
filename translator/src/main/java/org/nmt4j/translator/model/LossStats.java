package org.nmt4j.translator.model;

/**
 * Summed cross-entropy over a number of predicted target tokens.
 *
 * @param lossSum sum over real target positions of -log p(correct token), natural log
 * @param tokens number of real target positions summed over
 * @param objectiveSum the summed training objective whose gradient was taken: the label-smoothed
 *     cross-entropy, equal to {@code lossSum} without smoothing
 */
public record LossStats(double lossSum, long tokens, double objectiveSum) {
  /** A tally whose objective is the negative log-likelihood itself. */
  public LossStats(double lossSum, long tokens) {
    this(lossSum, tokens, lossSum);
  }

  /** Mean training objective per token (0 when there are no tokens). */
  public double meanObjective() {
    return tokens == 0 ? 0 : objectiveSum / tokens;
  }

  /** Mean loss per token (0 when there are no tokens). */
  public double mean() {
    return tokens == 0 ? 0 : lossSum / tokens;
  }

  /** exp(mean loss). */
  public double perplexity() {
    return Math.exp(mean());
  }

  /** Sum of two tallies. */
  public LossStats plus(LossStats other) {
    return new LossStats(lossSum + other.lossSum, tokens + other.tokens,
        objectiveSum + other.objectiveSum);
  }
}
