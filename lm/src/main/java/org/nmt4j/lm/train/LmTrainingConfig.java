package org.nmt4j.lm.train;

/**
 * How a language model is trained.
 *
 * @param batchSize parallel streams B: the training text is cut into B consecutive parts read
 *     side by side
 * @param bptt truncated-BPTT length K: each step reads the next K tokens of every stream,
 *     starting from the state the previous chunk left (gradients stop at chunk boundaries)
 * @param maxSteps stop after this many optimiser steps (0: after {@code epochs})
 * @param epochs passes over the training text when {@code maxSteps} is 0
 * @param learningRate Adam's step size
 * @param clipNorm clip gradients to this global norm (0: no clipping)
 * @param seed initial weights and dropout
 * @param validEvery validate (and keep the best model) every this many steps, and at the end
 * @param checkpointEvery write the checkpoint every this many steps, and at the end
 * @param validStreams parallel streams when scoring the validation text
 * @param maxMinutes stop (with a final checkpoint) after this much training time in this
 *     session; 0 for no limit
 */
public record LmTrainingConfig(int batchSize, int bptt, long maxSteps, int epochs,
    double learningRate, double clipNorm, long seed, int validEvery, int checkpointEvery,
    int validStreams, double maxMinutes) {
  /** Validates each field, naming the option at fault. */
  public LmTrainingConfig {
    check(batchSize >= 1 && batchSize <= 4096, "--batch-size must be in [1, 4096], got " + batchSize);
    check(bptt >= 1 && bptt <= 10000, "--bptt must be in [1, 10000], got " + bptt);
    check(maxSteps >= 0, "--max-steps must be >= 0, got " + maxSteps);
    check(epochs >= 1, "--epochs must be >= 1, got " + epochs);
    check(learningRate > 0 && Double.isFinite(learningRate), "--lr must be > 0, got " + learningRate);
    check(clipNorm >= 0 && Double.isFinite(clipNorm), "--clip must be >= 0, got " + clipNorm);
    check(validEvery >= 1, "--valid-every must be >= 1, got " + validEvery);
    check(checkpointEvery >= 1, "--checkpoint-every must be >= 1, got " + checkpointEvery);
    check(validStreams >= 1 && validStreams <= 4096,
        "--valid-streams must be in [1, 4096], got " + validStreams);
    check(maxMinutes >= 0 && Double.isFinite(maxMinutes), "--max-minutes must be >= 0, got " + maxMinutes);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
