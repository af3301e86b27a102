package org.nmt4j.decoder.search.impl;

/**
 * The distinct tokens each row of a batch has output so far, and the repetition penalty on their
 * logits: divided by the penalty when positive, multiplied by it otherwise (once per distinct
 * token).
 *
 * <p>Per row, a bit set over the vocabulary says which tokens were output and a list holds them
 * in first-output order, so a step costs O(distinct tokens), not O(V). All arrays are allocated
 * once, sized by the rows' maximum lengths and V; nothing per step. One instance belongs to one
 * decoding call.
 */
public final class RepetitionPenalizer {
  private final float penalty;
  private final int words;
  /** [rows x words] which tokens each row has output. */
  private final long[] seen;
  /** [rows] where each row's list starts in {@link #distinct}. */
  private final int[] listStart;
  /** Each row's distinct tokens, in first-output order. */
  private final int[] distinct;
  /** [rows] how many distinct tokens each row has. */
  private final int[] counts;

  /**
   * @param penalty the penalty, > 0 and not 1
   * @param vocabularySize V
   * @param maxLengths [rows] the most tokens each row may output
   */
  public RepetitionPenalizer(double penalty, int vocabularySize, int[] maxLengths) {
    this.penalty = (float) penalty;
    this.words = (vocabularySize + 63) >>> 6;
    int rows = maxLengths.length;
    this.seen = new long[Math.multiplyExact(rows, words)];
    this.listStart = new int[rows];
    long total = 0;
    for (int r = 0; r < rows; r++) {
      listStart[r] = (int) total;
      total += Math.min(maxLengths[r], vocabularySize);
    }
    this.distinct = new int[Math.toIntExact(total)];
    this.counts = new int[rows];
  }

  /**
   * Notes a token that a row has output.
   *
   * @param row the row
   * @param token the token
   */
  public void add(int row, int token) {
    int word = row * words + (token >>> 6);
    long bit = 1L << token;
    if ((seen[word] & bit) == 0) {
      seen[word] |= bit;
      distinct[listStart[row] + counts[row]++] = token;
    }
  }

  /**
   * Applies the penalty to the logits of the row's output tokens, saving each logit first.
   *
   * @param row the row
   * @param logits row-major logits
   * @param offset where the row starts in {@code logits}
   * @param max the row's largest logit now
   * @param saved where the old logits go
   * @return whether the row's largest logit may have changed (then the caller recomputes it)
   */
  public boolean apply(int row, float[] logits, int offset, float max, SavedLogits saved) {
    boolean changedMax = false;
    for (int i = listStart[row], end = i + counts[row]; i < end; i++) {
      int at = offset + distinct[i];
      float old = logits[at];
      if (old == Float.NEGATIVE_INFINITY) {
        continue;
      }
      float now = old > 0 ? old / penalty : old * penalty;
      saved.save(at, old);
      logits[at] = now;
      changedMax |= old == max || now > max;
    }
    return changedMax;
  }
}
