package org.nmt4j.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.MatrixRef;

/** {@link OutputLayer#crossEntropy} against a plain-Java reference, with and without smoothing. */
class CrossEntropyTest {
  static final int N = 5;
  static final int V = 9;
  static final int[] TARGETS = {0, 8, 3, 3, 5};

  static double[][] logits() {
    java.util.Random r = new java.util.Random(4);
    double[][] z = new double[N][V];
    for (int p = 0; p < N; p++) {
      for (int j = 0; j < V; j++) {
        z[p][j] = r.nextGaussian() * 3 + (p == 2 ? 500 : 0); // row 2: large logits, still stable
      }
    }
    return z;
  }

  @ParameterizedTest(name = "smoothing={0}")
  @ValueSource(doubles = {0.0, 0.1, 0.35})
  void lossesAndGradientMatchTheDefinition(double eps) {
    double[][] z = logits();
    INDArray array = Nd4j.createFromArray(z).castTo(DataType.DOUBLE);
    MatrixRef ref = MatrixRef.of(array);
    double[] objective = new double[1];
    double[] logProbs = new double[N];
    double nll = OutputLayer.crossEntropy(ref, TARGETS, N, logProbs, true,
        Nd4j.create(DataType.DOUBLE, 3 * N), eps, objective);

    double expectedNll = 0;
    double expectedObjective = 0;
    for (int p = 0; p < N; p++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z[p]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : z[p]) {
        sum += Math.exp(v - max);
      }
      double logSum = max + Math.log(sum);
      expectedNll -= z[p][TARGETS[p]] - logSum;
      assertEquals(z[p][TARGETS[p]] - logSum, logProbs[p], 1e-12);
      for (int j = 0; j < V; j++) {
        double q = (j == TARGETS[p] ? 1 - eps : 0) + eps / V;
        double logP = z[p][j] - logSum;
        expectedObjective -= q * logP;
        assertEquals(Math.exp(logP) - q, array.getDouble(p, j), 1e-12, "gradient " + p + "," + j);
      }
    }
    assertEquals(expectedNll, nll, 1e-9);
    assertEquals(expectedObjective, objective[0], 1e-9);
  }

  @Test
  void rejectsSmoothingOutsideTheUnitInterval() {
    MatrixRef ref = MatrixRef.of(Nd4j.create(DataType.DOUBLE, N, V));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutputLayer.crossEntropy(ref, TARGETS, N, null, false,
            Nd4j.create(DataType.DOUBLE, 3 * N), 1.0, null));
    assertEquals("label smoothing must be in [0, 1), got 1.0", e.getMessage());
  }
}
