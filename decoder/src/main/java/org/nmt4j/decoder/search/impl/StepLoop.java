package org.nmt4j.decoder.search.impl;

import java.util.Arrays;
import org.nmt4j.decoder.search.Hypothesis;
import org.nmt4j.decoder.search.SearchRequest;
import org.nmt4j.decoder.search.StepDecoder;

/**
 * The step loop shared by every single-path strategy (greedy, sampled): feed the previous
 * tokens, read the logits, let a {@link TokenChooser} pick one token per row, add the token's
 * log-probability, and drop finished rows from the decoder so that they stop costing work.
 *
 * <p>Every buffer is allocated once per call before the first step; the loop itself allocates
 * nothing.
 */
public final class StepLoop {
  /** Picks the next token of one row from its logits. */
  public interface TokenChooser {
    /**
     * @param logits row-major [live rows, V] logits of this step
     * @param offset where this row starts in {@code logits}
     * @param vocabularySize V
     * @param max the row's largest logit
     * @param row the row's index in the request (stable while other rows finish)
     * @param banned a token id that may not be chosen now (the end token before the minimum
     *     length), or -1
     * @return the chosen token id, in [0, V)
     */
    int choose(float[] logits, int offset, int vocabularySize, float max, int row, int banned);
  }

  private StepLoop() {}

  /**
   * Runs the decoder until every row has ended.
   *
   * @param decoder the freshly seeded batch
   * @param request per-row limits
   * @param chooser the token choice rule
   * @return [rows] hypotheses in row order
   */
  public static Hypothesis[] run(StepDecoder decoder, SearchRequest request, TokenChooser chooser) {
    int n = request.rows();
    if (decoder.rows() != n) {
      throw new IllegalArgumentException(
          "decoder has " + decoder.rows() + " rows but the request has " + n);
    }
    int vocab = decoder.vocabularySize();
    int end = request.endToken();
    if (end >= vocab || request.startToken() >= vocab) {
      throw new IllegalArgumentException("start/end token ids " + request.startToken() + "/"
          + end + " do not fit the vocabulary size " + vocab);
    }
    int[] maxLengths = request.maxLengths();
    float[] logits = new float[n * vocab];
    int[] previous = new int[n];
    Arrays.fill(previous, request.startToken());
    int[] rowOf = new int[n];
    for (int i = 0; i < n; i++) {
      rowOf[i] = i;
    }
    int[] keep = new int[n];
    int[][] tokens = new int[n][];
    for (int i = 0; i < n; i++) {
      tokens[i] = new int[maxLengths[i]];
    }
    int[] lengths = new int[n];
    double[] logProbs = new double[n];
    Hypothesis.Stop[] stops = new Hypothesis.Stop[n];

    int live = n;
    for (int step = 0; live > 0; step++) {
      decoder.step(previous, logits);
      int kept = 0;
      for (int r = 0; r < live; r++) {
        int row = rowOf[r];
        int offset = r * vocab;
        float max = RowMath.max(logits, offset, vocab);
        if (!Float.isFinite(max)) {
          throw new IllegalStateException("the decoder produced non-finite logits (" + max
              + ") at step " + step + ": the model's weights are broken");
        }
        int banned = lengths[row] < request.minLength() ? end : -1;
        int token = chooser.choose(logits, offset, vocab, max, row, banned);
        logProbs[row] += logits[offset + token] - RowMath.logSumExp(logits, offset, vocab, max);
        if (token == end) {
          stops[row] = Hypothesis.Stop.END_TOKEN;
          continue;
        }
        tokens[row][lengths[row]++] = token;
        if (lengths[row] == maxLengths[row]) {
          stops[row] = Hypothesis.Stop.MAX_LENGTH;
          continue;
        }
        // kept <= r, so these writes only touch entries already read this step
        keep[kept] = r;
        rowOf[kept] = row;
        previous[kept] = token;
        kept++;
      }
      if (kept > 0 && kept < live) {
        decoder.retainRows(keep, kept);
      }
      live = kept;
    }

    Hypothesis[] out = new Hypothesis[n];
    for (int i = 0; i < n; i++) {
      out[i] = new Hypothesis(Arrays.copyOf(tokens[i], lengths[i]), logProbs[i], stops[i]);
    }
    return out;
  }
}
