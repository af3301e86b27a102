package org.nmt4j.corpora.batch;

/**
 * Where training is in the batch order: an epoch and the number of its batches already used.
 * Saved in a checkpoint, it lets {@link Batcher#resume} continue with exactly the next batch.
 *
 * @param epoch 0-based epoch
 * @param batchesDone batches of that epoch already consumed
 */
public record BatchPosition(int epoch, long batchesDone) {

  /** Checks that both are non-negative. */
  public BatchPosition {
    if (epoch < 0 || batchesDone < 0) {
      throw new IllegalArgumentException(
          "batch position must be non-negative, got epoch " + epoch + " batch " + batchesDone);
    }
  }

  /** The start of an epoch. */
  public static BatchPosition start(int epoch) {
    return new BatchPosition(epoch, 0);
  }
}
