package org.nmt4j.translator;

/**
 * How {@link Translator} groups and schedules its batches, besides the rows per batch of {@link
 * DecodingOptions#batchSize()}. Changes speed only: every output is the same whatever these are.
 *
 * <p>Immutable and validated on construction; messages name the command-line option.
 *
 * @param maxTokens at most this many padded source tokens per batch (rows x the batch's
 *     widest source, {@code </s>} included), besides the rows limit; 0 for no token limit
 * @param parallelBatches batches decoded side by side, each on one core with single-threaded
 *     products (a call with fewer batches uses fewer); 0 for one per core the JVM may use, 1
 *     for one batch at a time with every product split across the cores
 */
public record BatchingOptions(int maxTokens, int parallelBatches) {

  /** Validates every field. */
  public BatchingOptions {
    if (maxTokens < 0) {
      throw new IllegalArgumentException("--batch-tokens must be >= 0 (0: no limit), got "
          + maxTokens);
    }
    if (parallelBatches < 0) {
      throw new IllegalArgumentException(
          "--parallel-batches must be >= 0 (0: one per core), got " + parallelBatches);
    }
  }

  /**
   * @return no token limit, one batch at a time with products split across the cores (side by
   *     side was not faster on the 2-core machine measured, see the README's speed section)
   */
  public static BatchingOptions defaults() {
    return new BatchingOptions(0, 1);
  }

  /**
   * @param tokens padded source tokens per batch, 0 for no limit
   * @return a copy with this token limit
   */
  public BatchingOptions withMaxTokens(int tokens) {
    return new BatchingOptions(tokens, parallelBatches);
  }

  /**
   * @param batches batches side by side, 0 for one per core
   * @return a copy with this parallelism
   */
  public BatchingOptions withParallelBatches(int batches) {
    return new BatchingOptions(maxTokens, batches);
  }

  /** The number of batches side by side: {@link #parallelBatches()}, or the cores when 0. */
  public int workers() {
    return parallelBatches == 0 ? Runtime.getRuntime().availableProcessors() : parallelBatches;
  }
}
