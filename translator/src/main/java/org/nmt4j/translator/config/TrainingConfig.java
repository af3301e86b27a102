package org.nmt4j.translator.config;

import java.util.List;
import org.nmt4j.translator.model.Regularisation;

/**
 * How a model is trained: batching, stopping, optimiser, validation and checkpoints.
 *
 * <p>Training stops at whichever limit comes first: {@code maxSteps} updates or {@code epochs}
 * passes over the data (0 means no limit, but at least one of the two must be set), or early
 * stopping.
 *
 * @param batchSize sentence pairs per batch (used when {@code tokenBudget} is 0)
 * @param tokenBudget when > 0, batches are filled up to this many padded source + target tokens
 *     instead of a fixed sentence count
 * @param maxSteps maximum number of optimiser steps, 0 for no limit
 * @param epochs maximum number of passes over the training data, 0 for no limit
 * @param learningRate Adam's initial step size
 * @param adamBeta1 Adam's first-moment decay
 * @param adamBeta2 Adam's second-moment decay
 * @param adamEpsilon Adam's denominator offset
 * @param clipNorm largest global L2 norm of the gradient, 0 disables clipping
 * @param lrDecay learning-rate decay when the validation metric stops improving
 * @param validEvery validate every this many steps (and always at the end of an epoch); 0 only at
 *     epoch ends
 * @param earlyStoppingPatience stop after this many validations without improvement; 0 disables
 * @param checkpointEvery write a checkpoint every this many steps (and always at the end); 0
 *     only at the end
 * @param seed seeds initialisation, data order and dropout
 * @param validMetric the metric that decides the best model, decay and early stopping: one of
 *     {@link #VALID_METRICS}
 * @param validBleuSentences when {@code validMetric} is "bleu": translate a fixed, seeded sample
 *     of at most this many validation sentences (0: all of them)
 * @param keepCheckpoints besides {@code checkpoint.zip}, keep the last this many checkpoints as
 *     {@code checkpoint-<step>.zip} (e.g. for {@code nmt4j average}); 0 keeps none
 * @param labelSmoothing eps in [0, 1): train against (1 - eps) onehot + eps / V; 0 disables
 *     (embedding dropout is a model regulariser: {@code model.encoder.embedding-dropout} and
 *     {@code model.decoder.embedding-dropout})
 * @param validDecoding how validation BLEU decodes: rules against repeated output, minimum length
 */
public record TrainingConfig(
    int batchSize,
    int tokenBudget,
    long maxSteps,
    int epochs,
    double learningRate,
    double adamBeta1,
    double adamBeta2,
    double adamEpsilon,
    double clipNorm,
    LrDecayConfig lrDecay,
    int validEvery,
    int earlyStoppingPatience,
    int checkpointEvery,
    long seed,
    String validMetric,
    int validBleuSentences,
    int keepCheckpoints,
    double labelSmoothing,
    ValidDecodingConfig validDecoding) {

  /**
   * Metrics {@link #validMetric()} accepts: "ppl" (validation perplexity, lower is better) and
   * "bleu" (corpus BLEU of greedy translations, higher is better).
   */
  public static final List<String> VALID_METRICS = List.of("ppl", "bleu");

  /** Validates every field, naming the option at fault. */
  public TrainingConfig {
    positive("training.batch-size", batchSize);
    nonNegative("training.token-budget", tokenBudget);
    nonNegative("training.max-steps", maxSteps);
    nonNegative("training.epochs", epochs);
    if (maxSteps == 0 && epochs == 0) {
      throw new IllegalArgumentException(
          "training needs a limit: set training.max-steps or training.epochs to a value >= 1");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("training.learning-rate must be > 0, got " + learningRate);
    }
    if (!(adamBeta1 >= 0 && adamBeta1 < 1)) {
      throw new IllegalArgumentException("training.adam-beta1 must be in [0, 1), got " + adamBeta1);
    }
    if (!(adamBeta2 >= 0 && adamBeta2 < 1)) {
      throw new IllegalArgumentException("training.adam-beta2 must be in [0, 1), got " + adamBeta2);
    }
    if (!(adamEpsilon > 0) || Double.isInfinite(adamEpsilon)) {
      throw new IllegalArgumentException("training.adam-epsilon must be > 0, got " + adamEpsilon);
    }
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException(
          "training.clip-norm must be >= 0 (0 disables clipping), got " + clipNorm);
    }
    if (lrDecay == null) {
      throw new IllegalArgumentException("training.lr-decay must be a mapping");
    }
    nonNegative("training.valid-every", validEvery);
    nonNegative("training.early-stopping-patience", earlyStoppingPatience);
    nonNegative("training.checkpoint-every", checkpointEvery);
    if (!VALID_METRICS.contains(validMetric)) {
      throw new IllegalArgumentException(
          "training.valid-metric must be one of " + VALID_METRICS + ", got '" + validMetric + "'");
    }
    nonNegative("training.valid-bleu-sentences", validBleuSentences);
    nonNegative("training.keep-checkpoints", keepCheckpoints);
    new Regularisation(labelSmoothing);
    if (validDecoding == null) {
      throw new IllegalArgumentException("training.valid-decoding must be a mapping");
    }
  }

  /** The label smoothing of each training step. */
  public Regularisation regularisation() {
    return new Regularisation(labelSmoothing);
  }

  /**
   * Batch 64, Adam 1e-3, clip 1.0, 10 epochs, validation and checkpoint every 1000 steps, metric
   * ppl (a BLEU sample of 500 sentences when switched to bleu, plain greedy), no label smoothing.
   */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        64, 0, 0, 10, 1e-3, 0.9, 0.999, 1e-8, 1.0, LrDecayConfig.defaults(), 1000, 5, 1000, 1,
        "ppl", 500, 0, 0.0, ValidDecodingConfig.defaults());
  }

  private static void positive(String name, long v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }
  }

  private static void nonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + v);
    }
  }
}
