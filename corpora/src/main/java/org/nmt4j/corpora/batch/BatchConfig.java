package org.nmt4j.corpora.batch;

import java.util.Objects;

/**
 * How to cut a corpus into training batches.
 *
 * @param batchSize sentences per batch, or the padded-token budget per batch (see {@link
 *     BatchUnit#TOKENS}); at least 1. A single pair wider than a token budget gets a batch of its
 *     own rather than being dropped.
 * @param unit what {@code batchSize} counts
 * @param poolFactor a pool holds about this many batches' worth of pairs; pairs are sorted by
 *     length only inside a pool, so memory is bounded by the pool (default {@value
 *     #DEFAULT_POOL_FACTOR}, as OpenNMT's bucket pools)
 * @param shuffle shuffle the pairs (in-memory sources), equal-length pairs, and the batches of
 *     each pool; false gives a fixed length-sorted order (e.g. for validation)
 * @param seed the seed; batch order is a function of (seed, epoch)
 */
public record BatchConfig(int batchSize, BatchUnit unit, int poolFactor, boolean shuffle, long seed) {

  /** The default number of batches per pool. */
  public static final int DEFAULT_POOL_FACTOR = 100;

  /** Validates the sizes; messages name the command-line options. */
  public BatchConfig {
    Objects.requireNonNull(unit, "unit");
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }
    if (poolFactor < 1) {
      throw new IllegalArgumentException("--pool-factor must be >= 1, got " + poolFactor);
    }
  }

  /** Shuffled batches of {@code n} sentence pairs. */
  public static BatchConfig sentences(int n, long seed) {
    return new BatchConfig(n, BatchUnit.SENTENCES, DEFAULT_POOL_FACTOR, true, seed);
  }

  /** Shuffled batches of at most {@code budget} padded tokens. */
  public static BatchConfig tokens(int budget, long seed) {
    return new BatchConfig(budget, BatchUnit.TOKENS, DEFAULT_POOL_FACTOR, true, seed);
  }

  /** A copy with another pool factor. */
  public BatchConfig withPoolFactor(int factor) {
    return new BatchConfig(batchSize, unit, factor, shuffle, seed);
  }

  /** A copy with shuffling on or off. */
  public BatchConfig withShuffle(boolean on) {
    return new BatchConfig(batchSize, unit, poolFactor, on, seed);
  }
}
