package org.nmt4j.spark;

import java.io.Serializable;
import org.nmt4j.corpora.batch.BatchConfig;
import org.nmt4j.corpora.batch.BatchUnit;

/**
 * A worker's share of the global batch: the same unit, pool factor and shuffling as the run's
 * {@link BatchConfig}, {@code 1/workers} of its size, and a seed of its own per shard (so that
 * the shards are not shuffled alike). Serializable form of the settings for the tasks.
 *
 * @param shareSize sentences or padded tokens per worker and step
 * @param unit what the size counts
 * @param poolFactor batches per length-sorting pool
 * @param seed the run's batch seed
 */
public record ShardBatchConfig(int shareSize, BatchUnit unit, int poolFactor, long seed)
    implements Serializable {

  /**
   * Splits the run's batch size into equal shares.
   *
   * @throws IllegalArgumentException when the batch size is not a multiple of the workers
   */
  public static ShardBatchConfig split(BatchConfig global, int workers) {
    if (global.batchSize() % workers != 0) {
      String what = global.unit() == BatchUnit.TOKENS ? "--token-budget " : "--batch-size ";
      throw new IllegalArgumentException(what + global.batchSize() + " must be a multiple of "
          + "--workers " + workers + " (each worker takes an equal share of every batch)");
    }
    return new ShardBatchConfig(global.batchSize() / workers, global.unit(), global.poolFactor(),
        global.seed());
  }

  /** The batcher settings of shard {@code shard}. */
  public BatchConfig forShard(int shard) {
    // SplitMix64 of (seed, shard): shard 0 does not share the one-machine shuffle by accident
    long z = seed + 0x9E3779B97F4A7C15L * (shard + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new BatchConfig(shareSize, unit, poolFactor, true, z ^ (z >>> 31));
  }
}
