package org.nmt4j.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nmt4j.server.batch.BatchListener;

/**
 * The server's metrics in a Micrometer registry, scraped in the Prometheus text format at
 * {@code GET /metrics}:
 *
 * <ul>
 *   <li>{@code nmt4j_requests_total{endpoint, status}}: HTTP requests answered
 *   <li>{@code nmt4j_request_seconds{endpoint}}: request latency histogram
 *   <li>{@code nmt4j_sentences_total}, {@code nmt4j_source_tokens_total},
 *       {@code nmt4j_target_tokens_total}: sentences and tokens translated
 *   <li>{@code nmt4j_batch_sentences}: sentences per decoded batch (histogram)
 *   <li>{@code nmt4j_batch_seconds}: decoding time per batch (histogram)
 *   <li>{@code nmt4j_queue_sentences}: sentences waiting now (gauge)
 *   <li>{@code nmt4j_queue_rejections_total}: requests refused with 503 because the queue was full
 * </ul>
 *
 * <p>Thread-safe: Micrometer's meters are.
 */
public final class ServerMetrics implements BatchListener {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger queueLength = new AtomicInteger();
  private final Counter sentences;
  private final Counter sourceTokens;
  private final Counter targetTokens;
  private final Counter rejections;
  private final DistributionSummary batchSentences;
  private final Timer batchTime;

  /** Registers every meter. */
  public ServerMetrics() {
    sentences = Counter.builder("nmt4j.sentences").description("Sentences translated").register(registry);
    sourceTokens = Counter.builder("nmt4j.source.tokens").description("Source tokens read").register(registry);
    targetTokens = Counter.builder("nmt4j.target.tokens").description("Target tokens written").register(registry);
    rejections = Counter.builder("nmt4j.queue.rejections")
        .description("Requests refused with 503 because the queue was full").register(registry);
    batchSentences = DistributionSummary.builder("nmt4j.batch.sentences")
        .description("Sentences per decoded batch")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
        .register(registry);
    batchTime = Timer.builder("nmt4j.batch").description("Decoding time per batch")
        .publishPercentileHistogram().register(registry);
    Gauge.builder("nmt4j.queue.sentences", queueLength, AtomicInteger::get)
        .description("Sentences waiting to be decoded").register(registry);
  }

  /**
   * @param endpoint the route, e.g. {@code /v1/translate}
   * @param status the HTTP status answered
   * @param nanos time from request to answer
   */
  public void request(String endpoint, int status, long nanos) {
    Counter.builder("nmt4j.requests").description("HTTP requests answered")
        .tag("endpoint", endpoint).tag("status", Integer.toString(status))
        .register(registry).increment();
    Timer.builder("nmt4j.request").description("HTTP request latency").tag("endpoint", endpoint)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * @param sentenceCount sentences translated by one request
   * @param sourceTokenCount their source tokens
   * @param targetTokenCount the target tokens of all their outputs
   */
  public void translated(int sentenceCount, long sourceTokenCount, long targetTokenCount) {
    sentences.increment(sentenceCount);
    sourceTokens.increment(sourceTokenCount);
    targetTokens.increment(targetTokenCount);
  }

  /** Counts a request refused because the queue was full. */
  public void rejected() {
    rejections.increment();
  }

  @Override
  public void queueLength(int queued) {
    queueLength.set(queued);
  }

  @Override
  public void batchDecoded(int sentenceCount, int requests, long nanos) {
    batchSentences.record(sentenceCount);
    batchTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** @return batches decoded so far */
  public long batches() {
    return batchSentences.count();
  }

  /** @return sentences decoded so far, summed over the batches */
  public double batchedSentences() {
    return batchSentences.totalAmount();
  }

  /** @return every meter in the Prometheus text exposition format */
  public String scrape() {
    return registry.scrape();
  }
}
