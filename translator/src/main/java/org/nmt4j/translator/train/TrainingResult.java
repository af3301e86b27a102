package org.nmt4j.translator.train;

import java.nio.file.Path;

/**
 * How a training run ended.
 *
 * @param steps steps taken in total (including those before a resume)
 * @param epochs the 1-based epoch reached (the number of epochs finished when training stopped
 *     at an epoch end)
 * @param reason why it stopped
 * @param metric the validation metric's name
 * @param bestValue best validation value, NaN without validation data
 * @param bestStep step of the best value, -1 without validation data
 * @param clippedSteps steps whose gradients were clipped
 * @param trainSeconds time in training steps (all sessions of the run)
 * @param checkpoint the final checkpoint
 * @param modelFile the model file (the best model with validation data, else the last), or null
 *     when no model writer was given
 */
public record TrainingResult(
    long steps,
    int epochs,
    StopReason reason,
    String metric,
    double bestValue,
    long bestStep,
    long clippedSteps,
    double trainSeconds,
    Path checkpoint,
    Path modelFile) {

  /** Why training stopped. */
  public enum StopReason {
    /** training.max-steps reached */
    MAX_STEPS,
    /** training.epochs completed */
    EPOCHS,
    /** training.early-stopping-patience used up */
    EARLY_STOPPING,
    /**
     * the checkpoint in the output directory is of a finished run (its limit was reached or
     * early stopping had ended it): nothing was trained, read or written besides the checkpoint
     */
    ALREADY_COMPLETE
  }
}
