package org.nmt4j.translator.train;

import java.nio.file.Path;

/**
 * Receives the events of a training run, on the training thread, in order. Every method has an
 * empty default; a listener that throws stops training with its exception.
 */
public interface TrainingListener {
  /** Before the first step (after a resume, before the first new step). */
  default void onStart(TrainingStart start) {}

  /** After every optimiser step. */
  default void onStep(StepStats stats) {}

  /** After every validation. */
  default void onValidation(ValidationResult result) {}

  /**
   * After an epoch's last batch.
   *
   * @param epoch the 1-based epoch just finished
   * @param step steps taken so far
   */
  default void onEpochEnd(int epoch, long step) {}

  /**
   * Just before a checkpoint is written: anything that must match the checkpoint's state after a
   * crash (such as a log of the steps so far) is made durable now.
   *
   * @param step the step the checkpoint will hold
   */
  default void beforeCheckpoint(long step) {}

  /**
   * After a checkpoint was written.
   *
   * @param step the step it holds
   * @param file where it is
   */
  default void onCheckpoint(long step, Path file) {}

  /**
   * After the model file was written (a new best, or the latest model without validation data).
   *
   * @param step the step of the weights it holds
   * @param file where it is
   */
  default void onModelSaved(long step, Path file) {}

  /** After the final checkpoint. */
  default void onFinish(TrainingResult result) {}
}
