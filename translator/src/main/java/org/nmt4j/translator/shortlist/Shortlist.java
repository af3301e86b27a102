package org.nmt4j.translator.shortlist;

import java.util.Arrays;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.tokenization.Vocabulary;

/**
 * A lexical shortlist (as Marian's {@code --shortlist}): the target ids a batch may produce are
 * the most frequent target ids of the training corpus, plus, for each source id in the batch, its
 * most probable translations; decoding then computes the output layer over those ids only (see
 * {@code org.nmt4j.decoder.ShortlistedOutput}). {@code </s>} and {@code <unk>} are always in.
 *
 * <p>Immutable and thread-safe.
 */
public final class Shortlist {
  private final int targetVocabulary;
  /** Ids in every batch's list, ascending. */
  private final int[] always;
  /** Per source id, its listed target ids (empty where none). */
  private final int[][] bySource;

  /**
   * @param targetVocabulary target ids lie in [0, targetVocabulary)
   * @param frequent target ids listed for every batch
   * @param bySource per source id (index), the target ids listed for it; null entries mean none
   */
  public Shortlist(int targetVocabulary, int[] frequent, int[][] bySource) {
    this.targetVocabulary = targetVocabulary;
    boolean[] in = new boolean[targetVocabulary];
    in[Vocabulary.EOS] = true;
    in[Vocabulary.UNK] = true;
    for (int t : frequent) {
      in[checkTarget(t)] = true;
    }
    this.always = ids(in);
    this.bySource = new int[bySource.length][];
    for (int s = 0; s < bySource.length; s++) {
      int[] list = bySource[s] == null ? new int[0] : bySource[s].clone();
      for (int t : list) {
        checkTarget(t);
      }
      this.bySource[s] = list;
    }
  }

  /** The {@code n} ids with the highest counts, most frequent first (ties: lower id first). */
  static int[] mostFrequent(long[] counts, int n) {
    Integer[] order = new Integer[counts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compare(counts[b], counts[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int m = 0;
    int[] out = new int[Math.min(n, counts.length)];
    for (int i = 0; i < out.length && counts[order[i]] > 0; i++) {
      out[m++] = order[i];
    }
    return Arrays.copyOf(out, m);
  }

  private int checkTarget(int t) {
    if (t < 0 || t >= targetVocabulary) {
      throw new IllegalArgumentException("target id " + t + " outside [0, " + targetVocabulary
          + ")");
    }
    return t;
  }

  private static int[] ids(boolean[] in) {
    int n = 0;
    for (boolean b : in) {
      n += b ? 1 : 0;
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** Target vocabulary size. */
  public int targetVocabulary() {
    return targetVocabulary;
  }

  /** Source vocabulary size (source ids beyond it list nothing). */
  public int sourceVocabulary() {
    return bySource.length;
  }

  /** The ids listed for every batch, ascending (a copy). */
  public int[] always() {
    return always.clone();
  }

  /** The target ids listed for a source id (a copy; empty for an id beyond the vocabulary). */
  public int[] translations(int source) {
    return source >= 0 && source < bySource.length ? bySource[source].clone() : new int[0];
  }

  /**
   * The target ids a batch may produce: {@link #always()} and every listed translation of the
   * source ids of its sentences (positions before each sentence's length).
   *
   * @return ascending, distinct ids
   */
  public int[] columns(SourceBatch batch) {
    boolean[] in = new boolean[targetVocabulary];
    for (int t : always) {
      in[t] = true;
    }
    int[][] source = batch.source();
    int[] lengths = batch.sourceLengths();
    for (int b = 0; b < source.length; b++) {
      for (int p = 0; p < lengths[b]; p++) {
        int s = source[b][p];
        if (s >= 0 && s < bySource.length) {
          for (int t : bySource[s]) {
            in[t] = true;
          }
        }
      }
    }
    return ids(in);
  }
}
