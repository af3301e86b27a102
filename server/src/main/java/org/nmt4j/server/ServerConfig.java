package org.nmt4j.server;

/**
 * How a {@link TranslationServer} listens, batches and limits requests. Immutable and validated
 * on construction; every message names the {@code nmt4j serve} option of the field at fault.
 *
 * @param host the address to listen on ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: all)
 * @param port the TCP port; 0 picks a free one (see {@link TranslationServer#port()})
 * @param maxBatchSize most sentences decoded together in one batch; 1 turns dynamic batching off
 * @param maxBatchDelayMs longest time the oldest queued sentence waits for a batch to fill, counted
 *     from its arrival or the end of the previous batch, whichever is later; 0 decodes whatever is
 *     queued at once. On CPUs a batch of 64 takes a few hundred ms, so the default 20 ms costs
 *     little and lets the bursts of concurrent clients merge into full batches
 * @param maxQueueSentences most sentences waiting to be decoded; beyond it requests get 503 with
 *     {@code Retry-After}
 * @param maxRequestSentences most sentences in one request (413 beyond)
 * @param maxSentenceTokens most source tokens of one sentence, after tokenization (422 beyond)
 * @param maxSamples most {@code n_samples} one request may ask for (422 beyond)
 * @param workers threads decoding batches at once
 * @param maxBodyBytes largest request body accepted (413 beyond)
 * @param shutdownTimeoutMs longest a graceful shutdown waits for queued work to finish
 */
public record ServerConfig(
    String host,
    int port,
    int maxBatchSize,
    int maxBatchDelayMs,
    int maxQueueSentences,
    int maxRequestSentences,
    int maxSentenceTokens,
    int maxSamples,
    int workers,
    long maxBodyBytes,
    long shutdownTimeoutMs) {

  /** Default port. */
  public static final int DEFAULT_PORT = 8080;

  /** Validates every field. */
  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--host must name an address, e.g. 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be in 0..65535 (0: any free port), got " + port);
    }
    atLeast("--max-batch-size", maxBatchSize, 1);
    atLeast("--max-batch-delay-ms", maxBatchDelayMs, 0);
    atLeast("--max-request-sentences", maxRequestSentences, 1);
    atLeast("--max-sentence-tokens", maxSentenceTokens, 1);
    atLeast("--max-samples", maxSamples, 1);
    atLeast("--workers", workers, 1);
    if (maxQueueSentences < maxRequestSentences) {
      throw new IllegalArgumentException("--max-queue-sentences (" + maxQueueSentences
          + ") must be >= --max-request-sentences (" + maxRequestSentences
          + "), or the largest request could never be queued");
    }
    if (maxBodyBytes < 64) {
      throw new IllegalArgumentException("--max-body-bytes must be >= 64, got " + maxBodyBytes);
    }
    if (shutdownTimeoutMs < 0) {
      throw new IllegalArgumentException("--shutdown-timeout-ms must be >= 0, got " + shutdownTimeoutMs);
    }
  }

  /**
   * @return port 8080 on 127.0.0.1, batches of up to 64 sentences waiting at most 20 ms, a queue of
   *     4096 sentences, requests of up to 64 sentences of up to 200 tokens, up to 8 samples, one
   *     decoding worker, bodies up to 1 MiB, 30 s to drain on shutdown
   */
  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, 64, 20, 4096, 64, 200, 8, 1, 1 << 20, 30_000);
  }

  /**
   * @param newPort the port (0: any free one)
   * @return a copy listening on this port
   */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBatchSize, maxBatchDelayMs, maxQueueSentences,
        maxRequestSentences, maxSentenceTokens, maxSamples, workers, maxBodyBytes, shutdownTimeoutMs);
  }

  /**
   * @param size most sentences per batch (1: batching off)
   * @param delayMs longest wait for a batch to fill
   * @return a copy with these batching settings
   */
  public ServerConfig withBatching(int size, int delayMs) {
    return new ServerConfig(host, port, size, delayMs, maxQueueSentences, maxRequestSentences,
        maxSentenceTokens, maxSamples, workers, maxBodyBytes, shutdownTimeoutMs);
  }

  /**
   * @param queueSentences most queued sentences
   * @param requestSentences most sentences per request
   * @param sentenceTokens most tokens per sentence
   * @param bodyBytes largest body
   * @return a copy with these limits
   */
  public ServerConfig withLimits(int queueSentences, int requestSentences, int sentenceTokens,
      long bodyBytes) {
    return new ServerConfig(host, port, maxBatchSize, maxBatchDelayMs, queueSentences,
        requestSentences, sentenceTokens, maxSamples, workers, bodyBytes, shutdownTimeoutMs);
  }

  /**
   * @param threads decoding threads
   * @return a copy with this many workers
   */
  public ServerConfig withWorkers(int threads) {
    return new ServerConfig(host, port, maxBatchSize, maxBatchDelayMs, maxQueueSentences,
        maxRequestSentences, maxSentenceTokens, maxSamples, threads, maxBodyBytes, shutdownTimeoutMs);
  }

  private static void atLeast(String option, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
    }
  }
}
