package org.nmt4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.corpora.batch.EncodedPair;

/**
 * One worker's part of the encoded training corpus: the pairs {@code i} with {@code i mod
 * workers == shard}, in corpus order. Serializable for Spark (the pairs as plain arrays).
 */
public final class CorpusShard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int shard;
  private final int[][] sources;
  private final int[][] targets;
  private final long[] indices;
  private transient List<EncodedPair> pairs;

  private CorpusShard(int shard, int[][] sources, int[][] targets, long[] indices) {
    this.shard = shard;
    this.sources = sources;
    this.targets = targets;
    this.indices = indices;
  }

  /**
   * Deals the pairs round-robin into {@code workers} shards of sizes differing by at most one.
   *
   * @param pairs the encoded training pairs in corpus order
   * @param workers the number of shards, at least 1
   */
  public static List<CorpusShard> deal(List<EncodedPair> pairs, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    List<CorpusShard> shards = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      int n = (pairs.size() - w + workers - 1) / workers;
      int[][] s = new int[n][];
      int[][] t = new int[n][];
      long[] idx = new long[n];
      for (int k = 0; k < n; k++) {
        EncodedPair p = pairs.get(w + k * workers);
        s[k] = p.source();
        t[k] = p.target();
        idx[k] = p.index();
      }
      shards.add(new CorpusShard(w, s, t, idx));
    }
    return shards;
  }

  /** Which shard this is (0-based), equal to its RDD partition. */
  public int shard() {
    return shard;
  }

  /** The number of pairs. */
  public int size() {
    return indices.length;
  }

  /** The pairs, in corpus order (built once per JVM that holds the shard). */
  public synchronized List<EncodedPair> pairs() {
    if (pairs == null) {
      List<EncodedPair> list = new ArrayList<>(indices.length);
      for (int k = 0; k < indices.length; k++) {
        list.add(new EncodedPair(sources[k], targets[k], indices[k]));
      }
      pairs = List.copyOf(list);
    }
    return pairs;
  }
}
