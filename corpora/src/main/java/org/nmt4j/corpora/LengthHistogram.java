package org.nmt4j.corpora;

import java.util.Arrays;
import java.util.Locale;

/**
 * Counts of sentence lengths in tokens, with summary statistics and a text rendering.
 *
 * <p>Lengths are counted exactly (one counter per length), so percentiles are exact. Mutable
 * while a corpus is read; {@link #copy()} freezes a snapshot for a report. Not thread-safe.
 */
public final class LengthHistogram {

  private static final int BAR_WIDTH = 40;
  private static final int TARGET_ROWS = 12;

  private long[] counts = new long[64];
  private long total;
  private long sum;
  private int max = -1;

  /** Counts one sentence of the given length. */
  public void add(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    if (length >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(counts.length * 2, length + 1));
    }
    counts[length]++;
    total++;
    sum += length;
    max = Math.max(max, length);
  }

  /** A copy that later {@link #add} calls on this one do not change. */
  public LengthHistogram copy() {
    LengthHistogram h = new LengthHistogram();
    h.counts = counts.clone();
    h.total = total;
    h.sum = sum;
    h.max = max;
    return h;
  }

  /** Number of sentences counted. */
  public long total() {
    return total;
  }

  /** Number of sentences of exactly this length. */
  public long count(int length) {
    return length >= 0 && length < counts.length ? counts[length] : 0;
  }

  /** Shortest length counted, or 0 if none. */
  public int min() {
    for (int i = 0; i <= max; i++) {
      if (counts[i] > 0) {
        return i;
      }
    }
    return 0;
  }

  /** Longest length counted, or 0 if none. */
  public int max() {
    return Math.max(0, max);
  }

  /** Mean length, or 0 if none. */
  public double mean() {
    return total == 0 ? 0 : (double) sum / total;
  }

  /**
   * The smallest length such that at least the fraction {@code q} of sentences are at most that
   * long (nearest-rank percentile).
   *
   * @param q in (0, 1]
   * @return the length, or 0 if none was counted
   */
  public int percentile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("percentile must be in (0, 1], got " + q);
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i <= max; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i;
      }
    }
    return max;
  }

  /**
   * The histogram as text: a summary line, then one line per length range with its count and a
   * bar, e.g. {@code "   10-14     8123  ########"}. Ranges have a round width chosen so that
   * there are about a dozen lines.
   *
   * @param title what is counted, e.g. {@code source tokens}
   * @return lines ending in {@code \n}
   */
  public String format(String title) {
    StringBuilder sb = new StringBuilder();
    if (total == 0) {
      return sb.append(title).append(": no sentences\n").toString();
    }
    sb.append(String.format(Locale.ROOT,
        "%s: min %d, mean %.1f, median %d, p95 %d, p99 %d, max %d\n",
        title, min(), mean(), percentile(0.5), percentile(0.95), percentile(0.99), max()));
    int width = binWidth(max() - min() + 1);
    int first = (min() / width) * width;
    long biggest = 0;
    for (int lo = first; lo <= max; lo += width) {
      biggest = Math.max(biggest, rangeCount(lo, lo + width - 1));
    }
    int labelWidth = String.valueOf(max).length() * 2 + 1;
    for (int lo = first; lo <= max; lo += width) {
      int hi = lo + width - 1;
      long c = rangeCount(lo, hi);
      String label = width == 1 ? String.valueOf(lo) : lo + "-" + hi;
      int bar = (int) Math.round((double) c * BAR_WIDTH / biggest);
      if (c > 0 && bar == 0) {
        bar = 1;
      }
      sb.append(String.format(Locale.ROOT, "  %" + labelWidth + "s %10d  %s\n",
          label, c, "#".repeat(bar)));
    }
    return sb.toString();
  }

  private long rangeCount(int lo, int hi) {
    long c = 0;
    for (int i = Math.max(0, lo); i <= Math.min(hi, max); i++) {
      c += counts[i];
    }
    return c;
  }

  /** The smallest of 1, 2, 5, 10, 20, 50, ... giving at most {@value #TARGET_ROWS} rows. */
  private static int binWidth(int span) {
    long w = 1;
    while (true) {
      for (int m : new int[] {1, 2, 5}) {
        long cand = w * m;
        if ((span + cand - 1) / cand <= TARGET_ROWS) {
          return (int) cand;
        }
      }
      w *= 10;
    }
  }
}
