package org.nmt4j.translator.train;

import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.translator.model.LossStats;

/**
 * Where the {@link Trainer}'s gradients come from: the batches of an epoch, each turned into the
 * gradients of its mean training objective in the model's flat gradient buffer. The trainer
 * keeps everything else (divergence check, clipping, Adam, validation, checkpoints).
 *
 * <p>{@link LocalGradients} computes them in this JVM; the {@code spark} module sums the
 * gradients of a batch's shares computed on a cluster. Either way the batches of epoch {@code e}
 * must be a function of the seed, {@code e} and the data only, so that {@link #resume} continues
 * an interrupted run exactly.
 */
public interface GradientSource {
  /** The number of batches in epoch 0 (the plan and the progress bar are based on it). */
  long countBatches();

  /**
   * The batches of an epoch from a saved position on.
   *
   * @param position the epoch and the batches of it already done
   */
  EpochGradients resume(BatchPosition position);

  /** The remaining batches of one epoch; for one thread. */
  interface EpochGradients extends AutoCloseable {
    /** Whether the epoch has another batch. */
    boolean hasNext();

    /**
     * Takes the next batch and overwrites every gradient of the model's parameters with that of
     * the batch's mean objective (over its real target tokens).
     *
     * @param dropoutSeed the step's dropout seed ({@link DropoutSeeds})
     * @return the summed loss and objective and the number of target tokens of the batch
     */
    LossStats next(long dropoutSeed);

    /** The position after the batches taken so far. */
    BatchPosition position();

    @Override
    void close();
  }
}
