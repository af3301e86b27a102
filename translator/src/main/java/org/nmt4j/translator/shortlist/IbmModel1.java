package org.nmt4j.translator.shortlist;

import java.util.Arrays;
import java.util.List;

/**
 * Lexical translation probabilities p(target id | source id) from a parallel corpus of id
 * sequences, by IBM Model 1's expectation maximisation (Brown et al. 1993), with a NULL source
 * word per sentence.
 *
 * <p>Hand-written: the aligners users run for this (fast_align, eflomal, GIZA++) are C++
 * programs, and no Java library on Maven Central trains word alignments. Model 1 is a few
 * lines of counting and enough to rank the likely translations of each source word, which is
 * all a shortlist needs.
 *
 * <p>Memory: the distinct (source, target) pairs that co-occur in a sentence, 12 bytes each
 * (their key, probability and expected count), plus one pass's keys while they are collected.
 * Time: each iteration visits every (source + 1) x target position pair of every sentence once,
 * with a binary search over the distinct pairs.
 */
public final class IbmModel1 {
  private final int sourceVocabulary;
  private final int targetVocabulary;
  /** Distinct pairs, ascending: source id (NULL = sourceVocabulary) * V_t + target id. */
  private final long[] keys;
  /** p(target | source) per pair of {@link #keys}. */
  private final float[] probabilities;

  private IbmModel1(int sourceVocabulary, int targetVocabulary, long[] keys,
      float[] probabilities) {
    this.sourceVocabulary = sourceVocabulary;
    this.targetVocabulary = targetVocabulary;
    this.keys = keys;
    this.probabilities = probabilities;
  }

  /**
   * Trains the probabilities.
   *
   * @param sources source id sequences
   * @param targets target id sequences, aligned with {@code sources}
   * @param sourceVocabulary source ids lie in [0, sourceVocabulary)
   * @param targetVocabulary target ids lie in [0, targetVocabulary)
   * @param iterations EM iterations (at least 1)
   */
  public static IbmModel1 train(List<int[]> sources, List<int[]> targets, int sourceVocabulary,
      int targetVocabulary, int iterations) {
    if (sources.size() != targets.size()) {
      throw new IllegalArgumentException(sources.size() + " source sentences but "
          + targets.size() + " target sentences");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    long[] keys = distinctPairs(sources, targets, sourceVocabulary, targetVocabulary);
    float[] p = new float[keys.length];
    Arrays.fill(p, 1f / targetVocabulary);
    double[] counts = new double[keys.length];
    double[] totals = new double[sourceVocabulary + 1];
    int[] slots = new int[16];
    for (int it = 0; it < iterations; it++) {
      Arrays.fill(counts, 0);
      Arrays.fill(totals, 0);
      for (int k = 0; k < sources.size(); k++) {
        int[] s = sources.get(k);
        int[] t = targets.get(k);
        int m = s.length + 1;
        if (slots.length < m) {
          slots = new int[m];
        }
        for (int target : t) {
          double denominator = 0;
          for (int i = 0; i < m; i++) {
            int source = i < s.length ? s[i] : sourceVocabulary;
            slots[i] = Arrays.binarySearch(keys, key(source, target, targetVocabulary));
            denominator += p[slots[i]];
          }
          for (int i = 0; i < m; i++) {
            double c = p[slots[i]] / denominator;
            counts[slots[i]] += c;
            totals[i < s.length ? s[i] : sourceVocabulary] += c;
          }
        }
      }
      for (int j = 0; j < keys.length; j++) {
        p[j] = (float) (counts[j] / totals[(int) (keys[j] / targetVocabulary)]);
      }
    }
    return new IbmModel1(sourceVocabulary, targetVocabulary, keys, p);
  }

  private static long key(int source, int target, int targetVocabulary) {
    return (long) source * targetVocabulary + target;
  }

  /** Every co-occurring (source or NULL, target) key once, ascending. */
  private static long[] distinctPairs(List<int[]> sources, List<int[]> targets,
      int sourceVocabulary, int targetVocabulary) {
    long[] distinct = new long[0];
    long[] pending = new long[1 << 20];
    int n = 0;
    for (int k = 0; k < sources.size(); k++) {
      int[] s = sources.get(k);
      int[] t = targets.get(k);
      for (int target : t) {
        checkId(target, targetVocabulary, "target", k);
        for (int i = 0; i <= s.length; i++) {
          int source = i < s.length ? checkId(s[i], sourceVocabulary, "source", k)
              : sourceVocabulary;
          if (n == pending.length) {
            distinct = merge(distinct, pending, n);
            n = 0;
          }
          pending[n++] = key(source, target, targetVocabulary);
        }
      }
    }
    return merge(distinct, pending, n);
  }

  private static int checkId(int id, int size, String side, int sentence) {
    if (id < 0 || id >= size) {
      throw new IllegalArgumentException(side + " id " + id + " of sentence " + sentence
          + " outside [0, " + size + ")");
    }
    return id;
  }

  /** The union of the sorted distinct keys and the first n pending ones, sorted and distinct. */
  private static long[] merge(long[] distinct, long[] pending, int n) {
    Arrays.sort(pending, 0, n);
    long[] out = new long[distinct.length + n];
    int i = 0;
    int j = 0;
    int o = 0;
    while (i < distinct.length || j < n) {
      long next;
      if (j >= n || (i < distinct.length && distinct[i] <= pending[j])) {
        next = distinct[i++];
      } else {
        next = pending[j++];
      }
      if (o == 0 || out[o - 1] != next) {
        out[o++] = next;
      }
    }
    return Arrays.copyOf(out, o);
  }

  /** Source ids [0, V_s). */
  public int sourceVocabulary() {
    return sourceVocabulary;
  }

  /** Target ids [0, V_t). */
  public int targetVocabulary() {
    return targetVocabulary;
  }

  /** p(target | source), 0 for a pair that never co-occurred. */
  public double probability(int source, int target) {
    int j = Arrays.binarySearch(keys, key(source, target, targetVocabulary));
    return j < 0 ? 0 : probabilities[j];
  }

  /**
   * The {@code count} most probable targets of a source id, most probable first (ties: lower id
   * first); fewer where fewer co-occurred with it.
   */
  public int[] best(int source, int count) {
    long first = key(source, 0, targetVocabulary);
    int from = Arrays.binarySearch(keys, first);
    from = from < 0 ? -from - 1 : from;
    int to = Arrays.binarySearch(keys, key(source + 1, 0, targetVocabulary));
    to = to < 0 ? -to - 1 : to;
    Integer[] order = new Integer[to - from];
    for (int j = 0; j < order.length; j++) {
      order[j] = from + j;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Float.compare(probabilities[b], probabilities[a]);
      return c != 0 ? c : Long.compare(keys[a], keys[b]);
    });
    int[] out = new int[Math.min(count, order.length)];
    for (int j = 0; j < out.length; j++) {
      out[j] = (int) (keys[order[j]] - first);
    }
    return out;
  }
}
