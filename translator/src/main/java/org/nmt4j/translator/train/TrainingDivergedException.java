package org.nmt4j.translator.train;

/**
 * Training produced a NaN or infinite loss or gradient. The step's update was not applied and no
 * checkpoint was written after it; the message (one line) names the step and the last good
 * checkpoint.
 */
public class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;

  /**
   * @param step the 1-based step at which the non-finite value appeared
   * @param message one line
   */
  public TrainingDivergedException(long step, String message) {
    super(message);
    this.step = step;
  }

  /** The step at which training diverged. */
  public long step() {
    return step;
  }
}
