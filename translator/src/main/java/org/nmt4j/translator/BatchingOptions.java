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
 *     products (a call with fewer batches uses fewer); 0 (the default) for one per core the JVM
 *     may use, 1 for one batch at a time with every product split across the cores
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
   * @return no token limit, one batch per core side by side (a call with a single batch decodes
   *     it with every product split across the cores). On the quiet 2-core {@code Intel(R)
   *     Xeon(R) Processor} (2026-12-07, load 1.2-1.4), {@code bench translate --sentences 512}
   *     decoded 273 sentences/s side by side against 202 one batch at a time in float32, and 501
   *     against 331 with {@code --quantize bf16}; see the README's "Decoding speed"
   */
  public static BatchingOptions defaults() {
    return new BatchingOptions(0, 0);
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
