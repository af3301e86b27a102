package org.nmt4j.translator.train;

import org.nmt4j.translator.config.LrDecayConfig;

/**
 * Learning-rate decay on plateau: after {@code patience} validations in a row without a new best
 * metric, the rate is multiplied by {@code factor} (not below {@code minimum}) and the count
 * starts again.
 */
public final class PlateauDecay {
  private final LrDecayConfig config;
  private final MetricGoal goal;
  private double learningRate;
  private double best;
  private int bad;

  /**
   * @param config factor, patience, minimum
   * @param goal whether the metric should go down or up
   * @param initialLearningRate the rate before any decay
   */
  public PlateauDecay(LrDecayConfig config, MetricGoal goal, double initialLearningRate) {
    this.config = config;
    this.goal = goal;
    this.learningRate = initialLearningRate;
    this.best = goal.worst();
  }

  /** The current learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /**
   * Takes one validation result.
   *
   * @return whether the learning rate was decayed by it
   */
  public boolean observe(double metric) {
    if (goal.isBetter(metric, best)) {
      best = metric;
      bad = 0;
      return false;
    }
    bad++;
    if (bad < config.patience()) {
      return false;
    }
    bad = 0;
    double next = Math.max(learningRate * config.factor(), config.minimum());
    if (next < learningRate) {
      learningRate = next;
      return true;
    }
    return false;
  }

  /** Validations without improvement since the last best or the last decay. */
  public int badValidations() {
    return bad;
  }

  /** The best metric seen (the goal's worst value before any). */
  public double best() {
    return best;
  }

  /** Restores the state saved in a checkpoint. */
  public void restore(double learningRate, double best, int badValidations) {
    this.learningRate = learningRate;
    this.best = best;
    this.bad = badValidations;
  }
}
