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

  /**
   * Float logits (oneDNN's logsoftmax and exp where it loads, else ND4J's float operations)
   * against the same definition in double: at the size of a training batch's rows, with one
   * row of large logits.
   */
  @ParameterizedTest(name = "smoothing={0}")
  @ValueSource(doubles = {0.0, 0.1})
  void floatLogitsMatchTheDefinitionWithinFloatRounding(double eps) {
    int n = 41;
    int v = 3000;
    java.util.Random r = new java.util.Random(9);
    float[] z = new float[n * v];
    int[] targets = new int[n];
    for (int p = 0; p < n; p++) {
      targets[p] = r.nextInt(v);
      for (int j = 0; j < v; j++) {
        // row 5 offset, rows 7 and 8 spread over thousands (an exploding network's logits)
        double spread = p == 7 ? 1e3 : p == 8 ? 3e4 : 3;
        z[p * v + j] = (float) (r.nextGaussian() * spread + (p == 5 ? 400 : 0));
      }
    }
    INDArray array = Nd4j.createFromArray(z).reshape('c', n, v);
    double[] objective = new double[1];
    double[] logProbs = new double[n];
    double nll = OutputLayer.crossEntropy(MatrixRef.of(array), targets, n, logProbs, true,
        Nd4j.create(DataType.FLOAT, 3 * n), eps, objective);
    float[] gradient = array.data().asFloat();
    double expectedNll = 0;
    double expectedObjective = 0;
    for (int p = 0; p < n; p++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < v; j++) {
        max = Math.max(max, z[p * v + j]);
      }
      double sum = 0;
      for (int j = 0; j < v; j++) {
        sum += Math.exp(z[p * v + j] - max);
      }
      double logSum = max + Math.log(sum);
      double lp = z[p * v + targets[p]] - logSum;
      expectedNll -= lp;
      assertEquals(lp, logProbs[p], 1e-5 * Math.max(1, Math.abs(lp)), "log p, row " + p);
      for (int j = 0; j < v; j++) {
        double q = (j == targets[p] ? 1 - eps : 0) + eps / v;
        double logP = z[p * v + j] - logSum;
        expectedObjective -= q * logP;
        // log p within a few float ulps of log-sum (about 1e-6 here), so p within ~3e-6 of p
        assertEquals(Math.exp(logP) - q, gradient[p * v + j], 1e-5, "gradient " + p + "," + j);
      }
    }
    assertEquals(expectedNll, nll, 1e-6 * expectedNll);
    assertEquals(expectedObjective, objective[0], 1e-6 * expectedObjective);
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
