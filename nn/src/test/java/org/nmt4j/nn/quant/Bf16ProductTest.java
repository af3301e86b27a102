package org.nmt4j.nn.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.Gemm;

/**
 * The bf16 products against a reference written from the definition in plain double loops: both
 * operands rounded to bf16 (nearest, ties to even), products summed exactly, then {@code alpha
 * sum + beta C}. oneDNN sums in float, so results agree to float rounding of the sums.
 */
class Bf16ProductTest {
  private static final Random RANDOM = new Random(16);

  @BeforeEach
  void needsBf16Hardware() {
    assumeTrue(DnnlBf16.available(), "this CPU has no bf16 instructions (AMX or AVX-512 BF16)");
  }

  @Test
  void roundingToBf16IsNearestEven() {
    assertEquals(1f, Bf16Rounding.round(1f + 0x1p-9f)); // below half an ulp: down
    assertEquals(1f + 0x1p-7f, Bf16Rounding.round(1f + 0x1p-7f + 0x1p-9f)); // exact in bf16
    assertEquals(1f, Bf16Rounding.round(1f + 0x1p-8f)); // a tie, to the even 1.0
    assertEquals(1f + 0x1p-6f, Bf16Rounding.round(1f + 0x1p-7f + 0x1p-8f)); // a tie, to even
    assertEquals(-3f, Bf16Rounding.round(-3f));
    assertTrue(Float.isNaN(Bf16Rounding.round(Float.NaN)));
    assertEquals(Float.POSITIVE_INFINITY, Bf16Rounding.round(Float.POSITIVE_INFINITY));
  }

  @Test
  void rowCountsRunOnPowerOfTwoBuckets() {
    assertEquals(1, Bf16Matrix.bucket(1));
    assertEquals(2, Bf16Matrix.bucket(2));
    assertEquals(4, Bf16Matrix.bucket(3));
    assertEquals(32, Bf16Matrix.bucket(17));
    assertEquals(64, Bf16Matrix.bucket(33));
    assertEquals(64, Bf16Matrix.bucket(64));
  }

  @Test
  void inputMajorRowBlocksMatchReference() {
    int rows = 90;
    int n = 72;
    INDArray w = Nd4j.randn(DataType.FLOAT, rows, n);
    Bf16Weights.register(w);
    for (int[] shape : new int[][] {{1, 90, 0}, {7, 33, 20}, {64, 50, 40}, {130, 10, 80},
        {16, 90, 0}}) {
      int m = shape[0];
      int k = shape[1];
      int row0 = shape[2];
      for (float beta : new float[] {0f, 1f}) {
        INDArray a = Nd4j.randn(DataType.FLOAT, m, k + 3); // rows 3 elements longer than k
        INDArray c = Nd4j.randn(DataType.FLOAT, m, n + 5);
        double[][] expected = reference(a, 1, k + 3, w, row0 * n, n, 1, m, n, k, 0.5f, beta,
            c, 2, n + 5);
        Gemm.gemm(false, false, m, n, k, 0.5, a, 1, k + 3, w, (long) row0 * n, n, beta, c, 2,
            n + 5);
        assertClose(expected, c, 2, n + 5, "m=" + m + " k=" + k + " row0=" + row0 + " beta="
            + beta);
      }
    }
  }

  @Test
  void outputMajorTransposedReadMatchesReference() {
    int n = 300;
    int k = 48;
    INDArray w = Nd4j.randn(DataType.FLOAT, n, k);
    Bf16Weights.register(w);
    for (int m : new int[] {1, 2, 37, 64, 150}) {
      INDArray a = Nd4j.randn(DataType.FLOAT, m, k);
      INDArray c = Nd4j.zeros(DataType.FLOAT, m, n);
      double[][] expected = reference(a, 0, k, w, 0, 1, k, m, n, k, 1f, 0f, c, 0, n);
      Gemm.gemm(false, true, m, n, k, 1.0, a, 0, k, w, 0, k, 0.0, c, 0, n);
      assertClose(expected, c, 0, n, "m=" + m);
    }
  }

  @Test
  void transposedReadsOfInputMajorWeightsMatchReference() {
    INDArray w = Nd4j.randn(DataType.FLOAT, 70, 48); // [in, 4H]: backpropagation reads W^T
    Bf16Weights.register(w);
    for (int[] shape : new int[][] {{5, 70, 0}, {64, 30, 20}, {100, 70, 0}}) {
      int m = shape[0];
      int n = shape[1];
      int row0 = shape[2];
      INDArray a = Nd4j.randn(DataType.FLOAT, m, 48);
      INDArray c = Nd4j.randn(DataType.FLOAT, m, n);
      double[][] expected = reference(a, 0, 48, w, (long) row0 * 48, 1, 48, m, n, 48, 1f, 1f,
          c, 0, n);
      Gemm.gemm(false, true, m, n, 48, 1.0, a, 0, 48, w, (long) row0 * 48, 48, 1.0, c, 0, n);
      assertClose(expected, c, 0, n, "m=" + m + " n=" + n + " row0=" + row0);
    }
  }

  @Test
  void trainedWeightsAreConvertedAgainAfterAChange() {
    INDArray w = Nd4j.randn(DataType.FLOAT, 32, 24);
    Bf16Weights.registerTrained(w);
    INDArray a = Nd4j.randn(DataType.FLOAT, 8, 32);
    INDArray c = Nd4j.zeros(DataType.FLOAT, 8, 24);
    multiplyAndCheck(a, w, false, c, "before");
    w.muli(-2);
    Bf16Weights.weightsChanged();
    multiplyAndCheck(a, w, false, c, "after the change");

    INDArray frozen = Nd4j.randn(DataType.FLOAT, 32, 24);
    Bf16Weights.register(frozen);
    INDArray before = Nd4j.zeros(DataType.FLOAT, 8, 24);
    Gemm.gemm(false, false, 8, 24, 32, 1.0, a, 0, 32, frozen, 0, 24, 0.0, before, 0, 24);
    frozen.muli(3); // an inference weight is converted once: changing it is not supported
    Bf16Weights.weightsChanged();
    INDArray after = Nd4j.zeros(DataType.FLOAT, 8, 24);
    Gemm.gemm(false, false, 8, 24, 32, 1.0, a, 0, 32, frozen, 0, 24, 0.0, after, 0, 24);
    assertEquals(before, after);
  }

  @Test
  void trainedLayoutsTakeTurnsInOneBuffer() {
    // as in training: the forward pass reads W, the backward pass W^T, then the forward again
    // (80 and 32 outputs: Bf16Matrix.safeOutputs)
    INDArray w = Nd4j.randn(DataType.FLOAT, 32, 80);
    Bf16Weights.registerTrained(w);
    INDArray a = Nd4j.randn(DataType.FLOAT, 8, 32);
    INDArray b = Nd4j.randn(DataType.FLOAT, 8, 80);
    INDArray c = Nd4j.zeros(DataType.FLOAT, 8, 80);
    INDArray d = Nd4j.zeros(DataType.FLOAT, 8, 32);
    for (int pass = 0; pass < 2; pass++) {
      multiplyAndCheck(a, w, false, c, "x W, pass " + pass);
      multiplyAndCheck(b, w, true, d, "dG W^T, pass " + pass);
    }
    // the weights change (an optimizer step) and a forward pass follows the backward pass
    w.muli(-0.5);
    Bf16Weights.weightsChanged();
    multiplyAndCheck(a, w, false, c, "x W after the change");
    Bf16Matrix m = Bf16Weights.of(w);
    assertTrue(m.packedBytes() < m.blockBytes(), m.packedBytes() + " >= " + m.blockBytes());
    assertTrue(m.packedBytes() >= m.blockBytes() / 2, m.packedBytes() + " bytes");
  }

  /**
   * C = A op(W) through {@link Gemm} for a whole dense W [rows, cols] (op the transpose when
   * {@code transB}), checked against the reference.
   */
  private static void multiplyAndCheck(INDArray a, INDArray w, boolean transB, INDArray c,
      String what) {
    int m = (int) a.size(0);
    int k = (int) a.size(1);
    int n = (int) c.size(1);
    int ld = (int) w.size(1);
    Gemm.gemm(false, transB, m, n, k, 1.0, a, 0, k, w, 0, ld, 0.0, c, 0, n);
    assertClose(reference(a, 0, k, w, 0, transB ? 1 : ld, transB ? ld : 1, m, n, k, 1f, 0f,
        c, 0, n), c, 0, n, what);
  }

  @Test
  void readsBeyondTheArrayAndOtherArraysStayFloat() {
    INDArray w = Nd4j.randn(DataType.FLOAT, 16, 8);
    Bf16Weights.register(w);
    INDArray sameMemory = w.dup();
    assertNotNull(Bf16Weights.of(w));
    assertNull(Bf16Weights.of(sameMemory));
    INDArray a = Nd4j.randn(DataType.FLOAT, 3, 8);
    INDArray c = Nd4j.zeros(DataType.FLOAT, 3, 16);
    assertFalse(Bf16Weights.multiply(false, false, 3, 8, 8, 1.0, a, 0, 8, w, 72, 8, 0.0, c, 0,
        16)); // rows 9..16 of 16
    assertFalse(Bf16Weights.multiply(true, false, 3, 8, 8, 1.0, a, 0, 3, w, 0, 8, 0.0, c, 0,
        16)); // A transposed
    assertThrows(IllegalArgumentException.class,
        () -> Bf16Weights.register(Nd4j.zeros(DataType.DOUBLE, 2, 2)));
  }

  @Test
  void productsOfActivationsMatchReference() {
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        int m = 37;
        int n = 50;
        int k = 70;
        INDArray a = transA ? Nd4j.randn(DataType.FLOAT, k, m + 2)
            : Nd4j.randn(DataType.FLOAT, m, k + 2);
        INDArray b = transB ? Nd4j.randn(DataType.FLOAT, n, k + 1)
            : Nd4j.randn(DataType.FLOAT, k, n + 1);
        int lda = transA ? m + 2 : k + 2;
        int ldb = transB ? k + 1 : n + 1;
        for (float beta : new float[] {0f, 1f}) {
          float alpha = 0.37f;
          INDArray c = Nd4j.randn(DataType.FLOAT, m, n);
          double[][] expected = new double[m][n];
          float[] av = a.data().asFloat();
          float[] bv = b.data().asFloat();
          float[] cv = c.data().asFloat();
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              double sum = 0;
              for (int p = 0; p < k; p++) {
                float x = av[transA ? p * lda + i : i * lda + p];
                float y = bv[transB ? j * ldb + p : p * ldb + j];
                // alpha is folded into A before rounding to bf16
                sum += (double) Bf16Rounding.round(alpha * x) * Bf16Rounding.round(y);
              }
              expected[i][j] = sum + beta * (double) cv[i * n + j];
            }
          }
          assertTrue(Bf16Products.multiply(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb,
              beta, c, 0, n));
          assertClose(expected, c, 0, n, "transA=" + transA + " transB=" + transB + " beta="
              + beta);
        }
      }
    }
    INDArray x = Nd4j.randn(DataType.FLOAT, 4, 4);
    assertFalse(Bf16Products.multiply(false, false, 4, 4, 4, 1.0, x, 0, 4, x, 0, 4, 0.5, x, 0,
        4), "beta other than 0 or 1 stays float");
  }

  @Test
  void mixedPrecisionRunsLargeProductsOfActivationsInBf16() {
    int m = 130;
    int n = 140;
    int k = 150;
    INDArray a = Nd4j.randn(DataType.FLOAT, m, k);
    INDArray b = Nd4j.randn(DataType.FLOAT, k, n);
    INDArray floats = Nd4j.zeros(DataType.FLOAT, m, n);
    Gemm.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, floats, 0, n);
    INDArray mixed = Nd4j.zeros(DataType.FLOAT, m, n);
    MixedPrecision.setBf16(true);
    try {
      Gemm.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, mixed, 0, n);
    } finally {
      MixedPrecision.setBf16(false);
    }
    assertClose(reference(a, 0, k, b, 0, n, 1, m, n, k, 1f, 0f, mixed, 0, n), mixed, 0, n,
        "mixed");
    double relative = mixed.sub(floats).norm2Number().doubleValue()
        / floats.norm2Number().doubleValue();
    assertTrue(relative > 1e-4 && relative < 1e-2, "bf16 against float: " + relative);
  }

  @Test
  void productsOfOneShapeRepeatedWithNewOperandsScalesAndGrownBuffersMatchReference() {
    // each thread keeps its memory objects per shape and points them at the operands of every
    // call: new A and C arrays, new alpha, and scratch buffers that grew in between
    INDArray small = Nd4j.randn(DataType.FLOAT, 24, 72);
    INDArray large = Nd4j.randn(DataType.FLOAT, 300, 700);
    Bf16Weights.register(small);
    Bf16Weights.register(large);
    float[] alphas = {1f, 0.5f, 2f, 1f};
    for (int rep = 0; rep < alphas.length; rep++) {
      for (int m : new int[] {7, 8}) {
        float beta = rep % 2;
        INDArray a = Nd4j.randn(DataType.FLOAT, m, 26);
        INDArray c = Nd4j.randn(DataType.FLOAT, m, 75);
        double[][] expected = reference(a, 1, 26, small, 0, 72, 1, m, 72, 24, alphas[rep], beta,
            c, 3, 75);
        Gemm.gemm(false, false, m, 72, 24, alphas[rep], a, 1, 26, small, 0, 72, beta, c, 3, 75);
        assertClose(expected, c, 3, 75, "rep " + rep + " m=" + m);
      }
      int rows = 20 + 25 * rep; // the scratch buffers grow
      INDArray a = Nd4j.randn(DataType.FLOAT, rows, 300);
      INDArray c = Nd4j.zeros(DataType.FLOAT, rows, 700);
      double[][] expected = reference(a, 0, 300, large, 0, 700, 1, rows, 700, 300, 1f, 0f, c, 0,
          700);
      Gemm.gemm(false, false, rows, 700, 300, 1.0, a, 0, 300, large, 0, 700, 0.0, c, 0, 700);
      assertClose(expected, c, 0, 700, "large, rep " + rep);
    }
  }

  @Test
  void threadsMultiplyAtOnceWithTheSameResults() throws Exception {
    int n = 256;
    int k = 64;
    INDArray w = Nd4j.randn(DataType.FLOAT, n, k);
    Bf16Weights.register(w);
    List<INDArray> inputs = new ArrayList<>();
    List<INDArray> alone = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      INDArray a = Nd4j.randn(DataType.FLOAT, 1 + 9 * t, k);
      INDArray c = Nd4j.zeros(DataType.FLOAT, a.rows(), n);
      Gemm.gemm(false, true, a.rows(), n, k, 1.0, a, 0, k, w, 0, k, 0.0, c, 0, n);
      inputs.add(a);
      alone.add(c);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<INDArray>> results = new ArrayList<>();
      for (int rep = 0; rep < 5; rep++) {
        for (INDArray a : inputs) {
          results.add(pool.submit(() -> {
            INDArray c = Nd4j.zeros(DataType.FLOAT, a.rows(), n);
            Gemm.gemm(false, true, a.rows(), n, k, 1.0, a, 0, k, w, 0, k, 0.0, c, 0, n);
            return c;
          }));
        }
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(alone.get(i % inputs.size()), results.get(i).get(), "product " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * alpha * bf16(A) bf16(B) + beta * C in double; A row i at aOff + i*lda, B element (p, j) at
   * bOff + p*bRow + j*bCol.
   */
  @Test
  void outputCountsOneDnnGetsWrongStayFloat() {
    // oneDNN 2.5's AVX-512 BF16 kernel sums 33 to 64 outputs wrongly for calls of fewer than 64
    // rows (Bf16Matrix.safeOutputs): those products must come out as the float product does
    for (int n : new int[] {32, 33, 40, 64, 65}) {
      int k = 64;
      INDArray w = Nd4j.randn(DataType.FLOAT, k, n);
      INDArray a = Nd4j.randn(DataType.FLOAT, 7, k);
      INDArray floats = Nd4j.zeros(DataType.FLOAT, 7, n);
      Gemm.gemm(false, false, 7, n, k, 1.0, a, 0, k, w, 0, n, 0.0, floats, 0, n);
      Bf16Weights.register(w);
      INDArray c = Nd4j.zeros(DataType.FLOAT, 7, n);
      Gemm.gemm(false, false, 7, n, k, 1.0, a, 0, k, w, 0, n, 0.0, c, 0, n);
      if (n > 32 && n <= 64) {
        assertEquals(floats, c, n + " outputs: the float product");
      } else {
        assertTrue(!floats.equals(c), n + " outputs: a bf16 product");
        assertClose(reference(a, 0, k, w, 0, n, 1, 7, n, k, 1f, 0f, c, 0, n), c, 0, n,
            n + " outputs");
      }
    }
  }

  private static double[][] reference(INDArray a, long aOff, int lda, INDArray b, long bOff,
      int bRow, int bCol, int m, int n, int k, float alpha, float beta, INDArray c, long cOff,
      int ldc) {
    float[] av = a.data().asFloat();
    float[] bv = b.data().asFloat();
    float[] cv = c.data().asFloat();
    double[][] out = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          sum += (double) Bf16Rounding.round(av[(int) (aOff + (long) i * lda + p)])
              * Bf16Rounding.round(bv[(int) (bOff + (long) p * bRow + (long) j * bCol)]);
        }
        out[i][j] = alpha * sum + beta * (double) cv[(int) (cOff + (long) i * ldc + j)];
      }
    }
    return out;
  }

  private static void assertClose(double[][] expected, INDArray c, long cOff, int ldc,
      String what) {
    float[] cv = c.data().asFloat();
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        double e = expected[i][j];
        double got = cv[(int) (cOff + (long) i * ldc + j)];
        assertEquals(e, got, 1e-4 * (1 + Math.abs(e)) * 8, what + ": C[" + i + "][" + j + "]");
      }
    }
  }
}
