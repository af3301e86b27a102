package org.nmt4j.decoder.search;

import org.nmt4j.decoder.search.impl.RowMath;

/**
 * Forced decoding: feeds given outputs through a step decoder and sums the log-probability the
 * model gives each of their tokens and the end token. This scores a translation (for
 * perplexity) with exactly the same step computation that produced it, so a greedy output's
 * score equals its {@link Hypothesis#logProbability()}.
 */
public final class ForcedDecoding {
  private ForcedDecoding() {}

  /**
   * Scores one output per row.
   *
   * @param decoder the freshly seeded batch; consumed (rows are dropped as they end)
   * @param outputs [rows][tokens] token ids of each row's output, without start and end tokens
   * @param startToken id fed at the first step ({@code <s>})
   * @param endToken id scored after the last token ({@code </s>})
   * @return [rows] natural-log probability of each output followed by the end token
   */
  public static double[] score(StepDecoder decoder, int[][] outputs, int startToken, int endToken) {
    int n = outputs.length;
    if (decoder.rows() != n) {
      throw new IllegalArgumentException(
          "decoder has " + decoder.rows() + " rows but " + n + " outputs were given");
    }
    int vocab = decoder.vocabularySize();
    for (int r = 0; r < n; r++) {
      for (int t : outputs[r]) {
        if (t < 0 || t >= vocab) {
          throw new IllegalArgumentException(
              "output " + r + " holds token id " + t + ", outside the vocabulary of " + vocab);
        }
      }
    }
    float[] logits = new float[n * vocab];
    int[] previous = new int[n];
    java.util.Arrays.fill(previous, startToken);
    int[] rowOf = new int[n];
    for (int i = 0; i < n; i++) {
      rowOf[i] = i;
    }
    int[] keep = new int[n];
    double[] logProbs = new double[n];
    // the log-normalisers as greedy decoding computes them (StepLoop), so that a greedy
    // output's score is the same number
    int[] best = new int[n];
    float[] maxima = new float[n];
    double[] logNorms = new double[n];
    int live = n;
    for (int step = 0; live > 0; step++) {
      decoder.step(previous, logits);
      for (int r = 0; r < live; r++) {
        int offset = r * vocab;
        best[r] = RowMath.firstMax(logits, offset, vocab);
        maxima[r] = logits[offset + best[r]]; // NaN when the row holds one
        if (!Float.isFinite(maxima[r])) {
          throw new IllegalStateException("the decoder produced non-finite logits ("
              + maxima[r] + ") at step " + step + ": the model's weights are broken");
        }
      }
      decoder.logNormalizers(logits, live, best, maxima, logNorms);
      int kept = 0;
      for (int r = 0; r < live; r++) {
        int row = rowOf[r];
        int offset = r * vocab;
        int[] out = outputs[row];
        int token = step < out.length ? out[step] : endToken;
        logProbs[row] += logits[offset + token] - logNorms[r];
        if (step < out.length) {
          keep[kept] = r;
          rowOf[kept] = row;
          previous[kept] = token;
          kept++;
        }
      }
      if (kept > 0 && kept < live) {
        decoder.retainRows(keep, kept);
      }
      live = kept;
    }
    return logProbs;
  }
}
