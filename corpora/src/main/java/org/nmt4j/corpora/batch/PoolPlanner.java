package org.nmt4j.corpora.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Cuts one pool of pairs into batches of similar lengths: sort by (source length, target
 * length), cut greedily while the batch fits its size, and optionally shuffle the batches.
 *
 * <p>Ties in length are broken by a shuffle of the pool when a random stream is given, so that the
 * same pairs do not always share a batch; without one the order is the pool's own (stable).
 */
final class PoolPlanner {

  /** Pools beyond this many pairs are cut into several, to keep the sort key in one long. */
  static final int MAX_POOL_PAIRS = (1 << 23) - 1;

  private static final int LENGTH_BITS = 20;
  private static final long LENGTH_MAX = (1L << LENGTH_BITS) - 1;
  private static final long INDEX_MASK = (1L << 23) - 1;

  private final int batchSize;
  private final BatchUnit unit;
  private final boolean withTarget;

  PoolPlanner(int batchSize, BatchUnit unit, boolean withTarget) {
    this.batchSize = batchSize;
    this.unit = unit;
    this.withTarget = withTarget;
  }

  /** Padded width of a pair: tokens plus one special token, the wider of the two sides. */
  int width(EncodedPair p) {
    int w = p.source().length + 1;
    return withTarget ? Math.max(w, p.target().length + 1) : w;
  }

  /** How much of a pool budget a pair uses: 1 for sentence batching, its width for tokens. */
  long cost(EncodedPair p) {
    return unit == BatchUnit.SENTENCES ? 1 : width(p);
  }

  /**
   * Plans the batches of a pool.
   *
   * @param pool the pairs; reordered in place when {@code random} is given
   * @param random shuffles ties and batches, or null for a fixed order
   * @return the batches, each as positions in {@code pool}
   */
  List<int[]> plan(EncodedPair[] pool, Random random) {
    int n = pool.length;
    if (random != null) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        EncodedPair t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
      }
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long s = Math.min(pool[i].source().length, LENGTH_MAX);
      long t = withTarget ? Math.min(pool[i].target().length, LENGTH_MAX) : 0;
      keys[i] = (s << 43) | (t << 23) | i;
    }
    Arrays.sort(keys);
    List<int[]> batches = new ArrayList<>();
    int[] current = new int[Math.min(n, unit == BatchUnit.SENTENCES ? batchSize : n)];
    int size = 0;
    int maxWidth = 0;
    for (long key : keys) {
      int i = (int) (key & INDEX_MASK);
      int w = width(pool[i]);
      boolean fits =
          unit == BatchUnit.SENTENCES
              ? size < batchSize
              : (long) (size + 1) * Math.max(maxWidth, w) <= batchSize;
      if (size > 0 && !fits) {
        batches.add(Arrays.copyOf(current, size));
        size = 0;
        maxWidth = 0;
      }
      current[size++] = i;
      maxWidth = Math.max(maxWidth, w);
    }
    if (size > 0) {
      batches.add(Arrays.copyOf(current, size));
    }
    if (random != null) {
      for (int i = batches.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int[] t = batches.get(i);
        batches.set(i, batches.get(j));
        batches.set(j, t);
      }
    }
    return batches;
  }
}
