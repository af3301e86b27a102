package org.nmt4j.decoder.search.impl;

/** Reductions over one row of a row-major logits array: max, argmax, log-sum-exp. */
public final class RowMath {
  /** Below this width the scalar loop is as fast as the passes. */
  private static final int MIN_VECTOR_WIDTH = 64;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
   * <p>Each term is exactly {@link FastExp#exp}{@code (x_i - max)} (below {@link
   * FastExp#UNDERFLOW} the term is {@code exp(-87)} instead of 0, which no sum that contains the
   * maximum's term 1 can see). The terms are computed in short passes over a per-thread scratch
   * row, each a branch-free float loop that HotSpot's C2 turns into SIMD code, and summed
   * pairwise in float (halving the row in each pass), which bounds the rounding of the sum to
   * about log2(n) float epsilons; the last step, 2^k from its integer part, stays scalar because
   * C2 (Java 17) does not vectorise float/int bit moves, and runs in the pass that halves the
   * row for the first time. About twice as fast as adding one exponential at a time (a scratch
   * benchmark on the 2-core AVX-512 machine: 13 against 26 us per row of 8000; in a profile of
   * {@code bench translate} its samples fell by 40%); the fused last pass took it from 11.5 to
   * 9.9 us per row (thread CPU time, same machine, 2026-12-07), with bit for bit the same sums.
   * Fusing the vectorised passes instead made it slower (21 us: C2 then leaves the loop
   * scalar). Rows whose maximum is not finite, and short rows, take the scalar loop ({@link
   * #logSumExpScalar}).
   *
   * @param x row-major values
   * @param off start of the row
   * @param n row width
   * @param max the row's maximum, from {@link #max}
   * @return the log normaliser of the softmax of the row
   */
  public static double logSumExp(float[] x, int off, int n, float max) {
    if (n < MIN_VECTOR_WIDTH || !Float.isFinite(max)) {
      return logSumExpScalar(x, off, n, max);
    }
    Scratch s = SCRATCH.get().ensure(n);
    float[] a = s.a;
    float[] b = s.b;
    // a = t = (x - max) log2 e, clamped so that 2^t stays a normal float
    for (int i = 0; i < n; i++) {
      a[i] = x[off + i] - max;
    }
    for (int i = 0; i < n; i++) {
      a[i] = Math.max(a[i], FastExp.UNDERFLOW) * FastExp.LOG2E;
    }
    // b = t + 1.5 * 2^23: t rounded to the integer k, held in b's low mantissa bits
    for (int i = 0; i < n; i++) {
      b[i] = a[i] + FastExp.ROUND;
    }
    // a = the fraction f = t - k in [-0.5, 0.5]
    for (int i = 0; i < n; i++) {
      a[i] = a[i] - (b[i] - FastExp.ROUND);
    }
    // a = 2^f
    for (int i = 0; i < n; i++) {
      a[i] = FastExp.twoToThe(a[i]);
    }
    // the terms 2^f 2^k (k's bits shifted into the exponent field: 0x4B400000 << 23 wraps to
    // 0), scalar, in the same pass as the first halving of the pairwise sum: the same float
    // additions as scaling first and then calling pairwiseSum, one pass fewer over the row
    int half = n >> 1;
    double tail = (n & 1) != 0 ? a[n - 1] * twoToTheK(b[n - 1]) : 0;
    for (int i = 0; i < half; i++) {
      a[i] = a[i] * twoToTheK(b[i]) + a[half + i] * twoToTheK(b[half + i]);
    }
    return max + Math.log(pairwiseSum(a, b, half, tail));
  }

  /** 2^k for k held in the low mantissa bits of {@code rounded} = k + 1.5 * 2^23. */
  private static float twoToTheK(float rounded) {
    return Float.intBitsToFloat((Float.floatToRawIntBits(rounded) << 23) + (127 << 23));
  }

  /**
   * The first index of the row's largest value, found in one pass (the value there is the row's
   * maximum); when the row holds a NaN, the index of the first NaN instead (so that a diverged
   * model is noticed rather than decoded). Together with {@link #logSumExp} this is a greedy
   * step's whole work per row: {@link #max} then {@link #argmax} read the row twice (about
   * 3.7 us and, to a maximum at a random place, 1.9 us on average per row of 8,000 on the
   * 2-core AVX-512 machine, against 3.0 us for this loop: a C2 scalar loop whose branch is
   * rarely taken).
   *
   * @param x row-major values
   * @param off start of the row
   * @param n row width, at least 1
   * @return the index relative to the row
   */
  public static int firstMax(float[] x, int off, int n) {
    float m = x[off];
    if (m != m) {
      return 0;
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      float v = x[off + i];
      if (!(v <= m)) { // larger, or NaN
        if (v != v) {
          return i;
        }
        m = v;
        best = i;
      }
    }
    return best;
  }

  /** Two scratch rows per thread, grown to the widest row seen. */
  private static final class Scratch {
    float[] a = new float[0];
    float[] b = new float[0];

    Scratch ensure(int n) {
      if (a.length < n) {
        a = new float[n];
        b = new float[n];
      }
      return this;
    }
  }

  /**
   * The sum of {@code a[0..n)}, pairwise: each pass adds the upper half onto the lower half
   * (into the other array, so that C2 sees no overlap and vectorises), an odd last element goes
   * to a separate tail. Overwrites both arrays.
   */
  static double pairwiseSum(float[] a, float[] b, int n) {
    return pairwiseSum(a, b, n, 0);
  }

  /** {@link #pairwiseSum(float[], float[], int)} with the odd elements of earlier passes. */
  private static double pairwiseSum(float[] a, float[] b, int n, double tail) {
    float[] src = a;
    float[] dst = b;
    int len = n;
    while (len > 32) {
      int half = len >> 1;
      if ((len & 1) != 0) {
        tail += src[len - 1];
      }
      for (int i = 0; i < half; i++) {
        dst[i] = src[i] + src[half + i];
      }
      float[] t = src;
      src = dst;
      dst = t;
      len = half;
    }
    double sum = tail;
    for (int i = 0; i < len; i++) {
      sum += src[i];
    }
    return sum;
  }

  /**
   * {@link #logSumExp} one exponential at a time, summed in double (four partial sums); for
   * short rows and rows whose maximum is not finite (NaN stays NaN, a row of minus infinities
   * gives minus infinity).
   */
  static double logSumExpScalar(float[] x, int off, int n, float max) {
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
