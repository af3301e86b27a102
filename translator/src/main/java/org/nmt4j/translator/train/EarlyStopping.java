package org.nmt4j.translator.train;

/**
 * Tracks the best validation metric and when it was reached, and says when training should stop
 * because {@code patience} validations in a row brought no improvement.
 */
public final class EarlyStopping {
  private final int patience;
  private final MetricGoal goal;
  private double best;
  private long bestStep = -1;
  private int bad;

  /**
   * @param patience validations without improvement before stopping; 0 never stops
   * @param goal whether the metric should go down or up
   */
  public EarlyStopping(int patience, MetricGoal goal) {
    if (patience < 0) {
      throw new IllegalArgumentException("early-stopping patience must be >= 0, got " + patience);
    }
    this.patience = patience;
    this.goal = goal;
    this.best = goal.worst();
  }

  /**
   * Takes one validation result.
   *
   * @param metric the metric's value
   * @param step the training step it was measured at
   * @return whether it is a new best
   */
  public boolean observe(double metric, long step) {
    if (goal.isBetter(metric, best)) {
      best = metric;
      bestStep = step;
      bad = 0;
      return true;
    }
    bad++;
    return false;
  }

  /** Whether patience is used up. */
  public boolean shouldStop() {
    return patience > 0 && bad >= patience;
  }

  /** The best metric so far (the goal's worst value before any validation). */
  public double best() {
    return best;
  }

  /** The step of the best metric, -1 before any validation. */
  public long bestStep() {
    return bestStep;
  }

  /** Validations without improvement since the best. */
  public int badValidations() {
    return bad;
  }

  /** Restores the state saved in a checkpoint. */
  public void restore(double best, long bestStep, int badValidations) {
    this.best = best;
    this.bestStep = bestStep;
    this.bad = badValidations;
  }
}
