package org.nmt4j.decoder.search.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RowMathTest {
  @Test
  void fastExpIsWithinOnePartPerMillionAndUnderflowsToZero() {
    double worst = 0;
    double worstFar = 0;
    for (float x = -87f; x <= 0f; x += 0.00137f) {
      double want = Math.exp(x);
      double error = Math.abs(FastExp.exp(x) - want) / want;
      if (x >= -20f) {
        worst = Math.max(worst, error);
      } else {
        // float rounding of x * log2(e) grows with |x|; such terms barely count in a softmax
        worstFar = Math.max(worstFar, error);
      }
    }
    assertTrue(worst < 1e-6, "relative error " + worst);
    assertTrue(worstFar < 1e-5, "relative error below -20: " + worstFar);
    assertEquals(1f, FastExp.exp(0f));
    assertEquals(0f, FastExp.exp(-88f));
    assertEquals(0f, FastExp.exp(Float.NEGATIVE_INFINITY));
    assertEquals(0f, FastExp.exp(Float.NaN));
  }

  @Test
  void argmaxTakesTheFirstMaximumAndCanSkipOne() {
    float[] x = {9f, 1f, 5f, 3f, 5f, 2f};
    // offset 1: row {1, 5, 3, 5, 2}
    assertEquals(1, RowMath.argmax(x, 1, 5, 5f, -1));
    assertEquals(3, RowMath.argmax(x, 1, 5, 5f, 1));
    float[] y = {0f, 7f, 3f, 6f};
    assertEquals(3, RowMath.argmax(y, 0, 4, 7f, 1));
    assertEquals(1, RowMath.argmax(y, 0, 4, 7f, 0));
  }

  @Test
  void logSumExpMatchesDoublePrecision() {
    Random random = new Random(5);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(9000);
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        x[i] = (float) (random.nextGaussian() * 4);
      }
      float m = RowMath.max(x, 0, n);
      double z = 0;
      for (float v : x) {
        z += Math.exp(v - (double) m);
      }
      assertEquals(m + Math.log(z), RowMath.logSumExp(x, 0, n, m), 2e-6);
    }
  }

  @Test
  void vectorisedLogSumExpMatchesDoublePrecisionOnHardRows() {
    // widths around the pass boundaries, odd halvings, the vocabulary size; rows with terms far
    // below the maximum (under FastExp's underflow), minus infinities and large offsets
    Random random = new Random(11);
    int[] widths = {64, 65, 97, 127, 1000, 4097, 8000, 8001, 16385};
    double worst = 0;
    for (int width : widths) {
      for (int kind = 0; kind < 4; kind++) {
        int off = random.nextInt(50);
        float[] x = new float[off + width + 7];
        for (int i = 0; i < x.length; i++) {
          double g = random.nextGaussian();
          x[i] = (float) switch (kind) {
            case 0 -> g * 4;
            case 1 -> g * 60; // most terms underflow
            case 2 -> 1000 + g; // a large common offset
            default -> random.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : g * 10;
          };
        }
        x[off + random.nextInt(width)] = kind == 2 ? 1003f : 5f; // a finite maximum
        float m = RowMath.max(x, off, width);
        double want = naiveLogSumExp(x, off, width);
        double got = RowMath.logSumExp(x, off, width, m);
        worst = Math.max(worst, Math.abs(got - want));
        assertEquals(want, got, 1e-6, "width " + width + ", kind " + kind);
        assertEquals(RowMath.logSumExpScalar(x, off, width, m), got, 1e-6);
      }
    }
    assertTrue(worst > 0, "the double reference is not matched bit for bit by float passes");
  }

  @Test
  void pairwiseSumIsWithinAFewFloatEpsilonsOfDouble() {
    Random random = new Random(3);
    for (int n : new int[] {1, 31, 32, 33, 1000, 8000, 12345}) {
      float[] a = new float[n];
      double want = 0;
      for (int i = 0; i < n; i++) {
        a[i] = random.nextFloat();
        want += a[i];
      }
      double got = RowMath.pairwiseSum(a.clone(), new float[n], n);
      // rounding: at most one float epsilon per halving (log2 n of them), relative to the sum
      assertEquals(want, got, want * 16 * Math.ulp(1f), "n " + n);
    }
  }

  @Test
  void logSumExpOfNonFiniteRowsFollowsTheScalarRule() {
    float[] nan = new float[200];
    nan[17] = Float.NaN;
    float m = RowMath.max(nan, 0, 200);
    assertTrue(Float.isNaN(m));
    assertTrue(Double.isNaN(RowMath.logSumExp(nan, 0, 200, m)));
    float[] none = new float[200];
    java.util.Arrays.fill(none, Float.NEGATIVE_INFINITY);
    assertEquals(Double.NEGATIVE_INFINITY,
        RowMath.logSumExp(none, 0, 200, RowMath.max(none, 0, 200)));
  }

  @Test
  void firstMaxIsTheFirstIndexOfMaxOrOfTheFirstNaN() {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(trial < 100 ? 20 : 9000);
      int off = random.nextInt(5);
      float[] x = new float[off + n + 3];
      for (int i = 0; i < x.length; i++) {
        // few distinct values, so that ties of the maximum are common
        x[i] = trial % 3 == 0 ? random.nextInt(4) : (float) random.nextGaussian();
        if (trial % 5 == 1 && random.nextInt(8) == 0) {
          x[i] = Float.NEGATIVE_INFINITY;
        }
      }
      if (trial % 7 == 2) {
        x[off + random.nextInt(n)] = Float.NaN;
      }
      int got = RowMath.firstMax(x, off, n);
      float max = RowMath.max(x, off, n);
      if (Float.isNaN(max)) {
        int firstNaN = 0;
        while (!Float.isNaN(x[off + firstNaN])) {
          firstNaN++;
        }
        assertEquals(firstNaN, got, "trial " + trial);
      } else {
        assertEquals(RowMath.argmax(x, off, n, max, -1), got, "trial " + trial);
        assertEquals(max, x[off + got]);
      }
    }
    float[] none = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
    assertEquals(0, RowMath.firstMax(none, 0, 2));
    assertEquals(1, RowMath.firstMax(new float[] {1f, Float.POSITIVE_INFINITY, 2f}, 0, 3));
    assertEquals(0, RowMath.firstMax(new float[] {Float.NaN, 3f}, 0, 2));
  }

  @Test
  void vectorisedLogSumExpIsTheDocumentedSumBitForBit() {
    // each term exactly FastExp.exp of max(x - max, UNDERFLOW), the terms summed by pairwiseSum
    Random random = new Random(13);
    for (int width : new int[] {64, 65, 97, 1001, 8000, 8001}) {
      for (int trial = 0; trial < 3; trial++) {
        int off = random.nextInt(9);
        float[] x = new float[off + width];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (random.nextGaussian() * (trial == 2 ? 40 : 4));
        }
        float max = RowMath.max(x, off, width);
        float[] terms = new float[width];
        for (int i = 0; i < width; i++) {
          terms[i] = FastExp.exp(Math.max(x[off + i] - max, FastExp.UNDERFLOW));
        }
        double want = max + Math.log(RowMath.pairwiseSum(terms, new float[width], width));
        assertEquals(want, RowMath.logSumExp(x, off, width, max), 0.0,
            "width " + width + ", trial " + trial);
      }
    }
  }

  /** log(sum exp(x)) in double with Math.exp: the reference. */
  private static double naiveLogSumExp(float[] x, int off, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = off; i < off + n; i++) {
      m = Math.max(m, x[i]);
    }
    double z = 0;
    for (int i = off; i < off + n; i++) {
      z += Math.exp(x[i] - m);
    }
    return m + Math.log(z);
  }

  @Test
  void maxPropagatesNaN() {
    assertTrue(Float.isNaN(RowMath.max(new float[] {1f, Float.NaN, 2f}, 0, 3)));
  }
}
