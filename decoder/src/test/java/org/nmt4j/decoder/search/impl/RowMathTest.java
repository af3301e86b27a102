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
  void maxPropagatesNaN() {
    assertTrue(Float.isNaN(RowMath.max(new float[] {1f, Float.NaN, 2f}, 0, 3)));
  }
}
