package org.nmt4j.translator.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.tokenization.Vocabulary;

/**
 * Cuts sentences to translate into batches: sorted by source length, longest first, each batch
 * at most {@code maxSentences} sentences and, when a token limit is set, at most {@code
 * maxTokens} padded source tokens (rows x the batch's widest source, {@code </s>} included);
 * a single sentence wider than the token limit is a batch of its own.
 *
 * <p>Longest first: the first batch is the widest, so buffers sized by it never grow later, and
 * batches decoded side by side end close together (the long ones are not left for last).
 * Deterministic: equal lengths keep their input order.
 */
public final class LengthSortedBatches {
  private LengthSortedBatches() {}

  /**
   * @param sources [sentences][tokens] source ids without {@code </s>} (added here); position i
   *     becomes index i of its batch
   * @param maxSentences sentences per batch; at least 1
   * @param maxTokens padded source tokens per batch (times {@code rowsPerSentence}), or 0 for
   *     no token limit
   * @param rowsPerSentence decoder rows each sentence takes (samples drawn per sentence), for
   *     the token limit
   * @return the batches, widest first
   */
  public static List<SourceBatch> of(List<int[]> sources, int maxSentences, int maxTokens,
      int rowsPerSentence) {
    if (maxSentences < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + maxSentences);
    }
    if (maxTokens < 0) {
      throw new IllegalArgumentException("--batch-tokens must be >= 0 (0: no limit), got "
          + maxTokens);
    }
    if (rowsPerSentence < 1) {
      throw new IllegalArgumentException("rows per sentence must be >= 1, got " + rowsPerSentence);
    }
    int n = sources.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // stable: equal lengths keep their input order
    Arrays.sort(order, (a, b) -> Integer.compare(sources.get(b).length, sources.get(a).length));
    List<SourceBatch> batches = new ArrayList<>();
    int start = 0;
    while (start < n) {
      // the first sentence of a batch is its widest
      long width = sources.get(order[start]).length + 1L;
      int end = start + 1;
      while (end < n && end - start < maxSentences
          && (maxTokens == 0 || (end - start + 1L) * rowsPerSentence * width <= maxTokens)) {
        end++;
      }
      batches.add(batch(sources, order, start, end, (int) width));
      start = end;
    }
    return batches;
  }

  /** The batch of sentences {@code order[from..to)}, padded to {@code width}. */
  private static SourceBatch batch(List<int[]> sources, Integer[] order, int from, int to,
      int width) {
    int size = to - from;
    int[][] rows = new int[size][width];
    int[] lengths = new int[size];
    long[] indices = new long[size];
    for (int r = 0; r < size; r++) {
      int i = order[from + r];
      int[] s = sources.get(i);
      System.arraycopy(s, 0, rows[r], 0, s.length);
      rows[r][s.length] = Vocabulary.EOS;
      for (int t = s.length + 1; t < width; t++) {
        rows[r][t] = Vocabulary.PAD;
      }
      lengths[r] = s.length + 1;
      indices[r] = i;
    }
    return new SourceBatch(rows, lengths, indices);
  }
}
