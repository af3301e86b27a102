package org.nmt4j.corpora;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code nmt4j corpus check} found: how many pairs were read and kept, how many each rule
 * dropped, and how long the kept sentences are.
 *
 * <p>Invariant: {@code read == kept + sum(drops)}: no pair disappears without being counted.
 * Drops include units the reader could not turn into pairs (e.g. TMX units lacking a language).
 *
 * @param corpus a description of the corpus read
 * @param read units read (pairs, plus units the reader skipped)
 * @param kept pairs that passed every filter
 * @param drops drops by rule, in rule order, zeros included
 * @param sourceLengths token counts of the kept source sentences
 * @param targetLengths token counts of the kept target sentences
 */
public record CorpusReport(
    String corpus,
    long read,
    long kept,
    Map<String, Long> drops,
    LengthHistogram sourceLengths,
    LengthHistogram targetLengths) {

  /** Copies the mutable parts and checks that the counts add up. */
  public CorpusReport {
    drops = Collections.unmodifiableMap(new LinkedHashMap<>(drops));
    sourceLengths = sourceLengths.copy();
    targetLengths = targetLengths.copy();
    long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
    if (read != kept + dropped) {
      throw new IllegalArgumentException(
          "counts do not add up: read " + read + " != kept " + kept + " + dropped " + dropped);
    }
  }

  /** Total pairs dropped, all rules together. */
  public long dropped() {
    return read - kept;
  }

  /**
   * The report as the command line prints it, for example:
   *
   * <pre>
   * corpus: train.de + train.en
   * pairs read: 29000
   * pairs kept: 28975 (99.91%)
   * dropped by rule:
   *   empty-side                 0
   *   duplicate                 25
   * source tokens: min 1, mean 12.1, median 12, p95 20, p99 25, max 40
   *     1-5     ...
   * </pre>
   *
   * @return lines ending in {@code \n}
   */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append("corpus: ").append(corpus).append('\n');
    sb.append("pairs read: ").append(read).append('\n');
    sb.append(String.format(Locale.ROOT, "pairs kept: %d (%.2f%%)\n",
        kept, read == 0 ? 0.0 : 100.0 * kept / read));
    if (drops.isEmpty()) {
      sb.append("dropped by rule: no filters\n");
    } else {
      sb.append("dropped by rule:\n");
      int width = drops.keySet().stream().mapToInt(String::length).max().orElse(0);
      for (Map.Entry<String, Long> e : drops.entrySet()) {
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %10d\n", e.getKey(), e.getValue()));
      }
    }
    sb.append(sourceLengths.format("source tokens (kept pairs)"));
    sb.append(targetLengths.format("target tokens (kept pairs)"));
    return sb.toString();
  }
}
