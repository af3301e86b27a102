package org.nmt4j.translator.train;

/**
 * How a training run starts.
 *
 * @param resumedFromStep the checkpoint's step when resuming, -1 for a fresh start
 * @param batchesPerEpoch training batches in one epoch
 * @param plannedSteps steps the run ends at unless it stops early (from max-steps or epochs)
 * @param parameterCount trainable scalars
 * @param trainingPairs pairs of the training data
 * @param validationPairs pairs of the validation data, 0 when there is none
 */
public record TrainingStart(
    long resumedFromStep,
    long batchesPerEpoch,
    long plannedSteps,
    long parameterCount,
    long trainingPairs,
    long validationPairs) {

  /** Whether the run continues from a checkpoint. */
  public boolean resumed() {
    return resumedFromStep >= 0;
  }
}
