package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * {@link Parameters#gradientNorm} of float gradients (split over two threads, float partial
 * sums per block) against the sum of squares in double, and of double gradients (ND4J's norm2).
 */
class ParametersNormTest {
  @Test
  void floatNormMatchesTheDoubleSumOfSquares() {
    // odd sizes: blocks and halves that do not divide evenly; enough to split over two threads
    for (long[] shape : new long[][] {{3}, {1, 1025}, {513, 2049}, {7, 11}}) {
      Parameters p = parameters(DataType.FLOAT, shape);
      double want = fill(p, 5);
      assertEquals(Math.sqrt(want), p.gradientNorm(), 1e-6 * Math.sqrt(want));
    }
  }

  @Test
  void doubleNormIsExact() {
    Parameters p = parameters(DataType.DOUBLE, new long[] {33, 65});
    double want = fill(p, 6);
    assertEquals(Math.sqrt(want), p.gradientNorm(), 1e-12 * Math.sqrt(want));
  }

  @Test
  void zeroGradientsHaveNormZero() {
    Parameters p = parameters(DataType.FLOAT, new long[] {100, 100});
    assertEquals(0.0, p.gradientNorm());
  }

  static Parameters parameters(DataType type, long[] shape) {
    return Parameters.builder(type).add("w", shape).add("b", 17).build();
  }

  /** Writes random gradients (with a few large ones) and returns their sum of squares. */
  static double fill(Parameters p, long seed) {
    INDArray g = p.flatGradients();
    int n = (int) g.length();
    double[] v = new double[n];
    Random random = new Random(seed);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian() * (i % 997 == 0 ? 1e3 : 1e-2);
      if (g.dataType() == DataType.FLOAT) {
        x = (float) x;
      }
      v[i] = x;
      sum += x * x;
    }
    NativeMemory.write(g, 0, v, 0, n);
    return sum;
  }
}
