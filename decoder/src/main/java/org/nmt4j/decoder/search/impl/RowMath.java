package org.nmt4j.decoder.search.impl;

/** Reductions over one row of a row-major logits array: max, argmax, log-sum-exp. */
public final class RowMath {
  private RowMath() {}

  /**
   * @param x row-major values
   * @param off start of the row
   * @param n row width
   * @return the largest value (NaN if any value is NaN)
   */
  public static float max(float[] x, int off, int n) {
    // Math.max keeps NaN, so a diverged model is noticed instead of decoded as token 0.
    float m = Float.NEGATIVE_INFINITY;
    for (int i = off, end = off + n; i < end; i++) {
      m = Math.max(m, x[i]);
    }
    return m;
  }

  /**
   * The first index of the largest value, optionally skipping one index.
   *
   * @param x row-major values
   * @param off start of the row
   * @param n row width
   * @param max the row's maximum, from {@link #max}
   * @param skip an index (relative to the row) that may not be chosen, or -1
   * @return the index relative to the row; with {@code skip}, the best other index
   */
  public static int argmax(float[] x, int off, int n, float max, int skip) {
    for (int i = 0; i < n; i++) {
      if (x[off + i] == max && i != skip) {
        return i;
      }
    }
    // max was only at the skipped index: the best of the rest
    int best = skip == 0 ? 1 : 0;
    for (int i = best + 1; i < n; i++) {
      if (i != skip && x[off + i] > x[off + best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * log(sum_i exp(x_i)) computed stably around the row maximum.
   *
   * @param x row-major values
   * @param off start of the row
   * @param n row width
   * @param max the row's maximum, from {@link #max}
   * @return the log normaliser of the softmax of the row
   */
  public static double logSumExp(float[] x, int off, int n, float max) {
    // four partial sums: independent dependency chains pipeline better than one; double so
    // that 8000 terms add without visible rounding
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = off;
    int end = off + n;
    for (; i + 3 < end; i += 4) {
      s0 += FastExp.exp(x[i] - max);
      s1 += FastExp.exp(x[i + 1] - max);
      s2 += FastExp.exp(x[i + 2] - max);
      s3 += FastExp.exp(x[i + 3] - max);
    }
    for (; i < end; i++) {
      s0 += FastExp.exp(x[i] - max);
    }
    return max + Math.log(s0 + s1 + s2 + s3);
  }
}
