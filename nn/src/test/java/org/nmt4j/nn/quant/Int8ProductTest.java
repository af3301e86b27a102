package org.nmt4j.nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.OneCore;

/**
 * The int8 products against references written from the definitions in plain loops: exact
 * integer sums for oneDNN's call (zero-point compensation included), and the quantize, multiply,
 * dequantize chain in double precision for {@link QuantizedMatrix}.
 */
class Int8ProductTest {
  /**
   * The build runs the int8 tests twice, the second time with oneDNN capped at AVX2 (this
   * module's and the translator's surefire execution int8-without-vnni): there the path of CPUs
   * without VNNI must be the one taken.
   */
  @Test
  void withOneDnnCappedAtAvx2TheKernelsHaveNoVnni() {
    if ("AVX2".equals(System.getenv("DNNL_MAX_CPU_ISA"))) {
      assertEquals("avx2", DnnlInt8.instructionSet());
      assertTrue(DnnlInt8.SEVEN_BIT, "7-bit activations without VNNI");
      assertFalse(Int8Weights.worthIt(1), "a single row runs as a float product");
      assertTrue(Int8Weights.worthIt(64));
    } else {
      assertEquals(!DnnlInt8.instructionSet().contains("vnni")
          && !DnnlInt8.instructionSet().contains("bf16")
          && !DnnlInt8.instructionSet().contains("amx"), DnnlInt8.SEVEN_BIT);
      assertTrue(Int8Weights.worthIt(64));
    }
  }

  private static final Random RANDOM = new Random(12);

  @Test
  void dnnlIntegerProductIsExact() {
    int m = 5;
    int n = 37;
    int k = 70;
    byte[] a = new byte[m * k];
    byte[] b = new byte[k * n];
    int[] co = new int[n];
    RANDOM.nextBytes(a);
    RANDOM.nextBytes(b);
    for (int j = 0; j < n; j++) {
      b[j] = b[j] == -128 ? 127 : b[j];
      co[j] = RANDOM.nextInt(2001) - 1000;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Math.max(-127, b[i]);
    }
    if (DnnlInt8.SEVEN_BIT) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (byte) (a[i] & 0x7f);
      }
    }
    BytePointer ap = new BytePointer(a.length).put(a);
    BytePointer bp = new BytePointer(b.length).put(b);
    IntPointer cp = new IntPointer((long) m * n);
    IntPointer cop = new IntPointer(n).put(co);
    DnnlInt8.gemm(m, n, k, ap, k, bp, n, cp, n, cop);
    int[] c = new int[m * n];
    cp.get(c);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        long sum = co[j];
        for (int p = 0; p < k; p++) {
          sum += (a[i * k + p] & 0xff) * b[p * n + j];
        }
        assertEquals(sum, c[i * n + j], "C[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void inputMajorRowBlockMatchesReference() {
    int rows = 40;
    int n = 24;
    INDArray w = Nd4j.randn(DataType.FLOAT, rows, n);
    QuantizedMatrix q = QuantizedMatrix.quantize(w, false);
    int m = 6;
    int k = 15;
    int row0 = 20;
    float[][] x = randomMatrix(m, k);
    float[][] c0 = randomMatrix(m, n);
    INDArray a = Nd4j.create(x);
    INDArray c = Nd4j.create(c0);
    q.multiply(m, k, row0, 0, n, 0.5f, a, 0, k, 2f, c, 0, n);
    double[][] expected = reference(x, q, row0, k, 0.5, 2, c0);
    assertClose(expected, c);
  }

  @Test
  void outputMajorMatchesReferenceAndFloat() {
    int v = 50;
    int h = 33;
    INDArray w = Nd4j.randn(DataType.FLOAT, v, h);
    QuantizedMatrix q = QuantizedMatrix.quantize(w, true);
    assertArrayEquals(new long[] {v, h}, q.shape());
    int m = 4;
    float[][] x = randomMatrix(m, h);
    INDArray a = Nd4j.create(x);
    INDArray c = Nd4j.create(DataType.FLOAT, m, v).assign(Float.NaN);
    q.multiply(m, h, 0, 0, v, 1f, a, 0, h, 0f, c, 0, v);
    assertClose(reference(x, q, 0, h, 1, 0, new float[m][v]), c);
    // and close to the float product: the quantization error is a small fraction of the scale
    INDArray exact = a.mmul(w.transpose());
    double err = c.sub(exact).norm2Number().doubleValue() / exact.norm2Number().doubleValue();
    assertTrue(err < 0.02, "relative error " + err);
  }

  @Test
  void quantizeKeepsEachWeightWithinHalfAStep() {
    INDArray w = Nd4j.randn(DataType.FLOAT, 12, 9);
    QuantizedMatrix q = QuantizedMatrix.quantize(w, false);
    INDArray back = q.dequantized();
    float[] scales = q.scales();
    for (int r = 0; r < 12; r++) {
      for (int j = 0; j < 9; j++) {
        double d = Math.abs(back.getDouble(r, j) - w.getDouble(r, j));
        assertTrue(d <= scales[j] / 2 + 1e-6, "weight " + r + "," + j + " off by " + d);
      }
    }
    // the largest weight of each column is exactly +-127 steps
    QuantizedMatrix again = QuantizedMatrix.of(q.shape(), false, q.storedValues(), scales);
    assertArrayEquals(q.storedValues(), again.storedValues());
  }

  @Test
  void gemmRunsRegisteredWeightsInInt8AndLeavesOtherReadsToFloat() {
    int rows = 12; // more than Int8Block.FEW_ROWS: int8 on CPUs without VNNI too
    Parameters.Builder pb = Parameters.builder(DataType.FLOAT);
    pb.add("pad", 3);
    pb.add("w", 16, 12);
    Parameters p = pb.build();
    p.flatValues().assign(Nd4j.randn(DataType.FLOAT, 1, p.count()));
    INDArray w = p.value("w");
    INDArray x = Nd4j.randn(DataType.FLOAT, rows, 8);
    INDArray floatResult = Nd4j.create(DataType.FLOAT, rows, 12);
    Gemm.gemm(false, false, rows, 12, 8, 1, x, 0, 8, w, 8 * 12, 12, 0, floatResult, 0, 12);

    QuantizedMatrix q = QuantizedMatrix.quantize(w, false);
    assertNull(Int8Weights.of(w));
    Int8Weights.register(w, q);
    assertSame(q, Int8Weights.of(w));
    assertNull(Int8Weights.of(w.dup()), "an equal array is not the registered one");
    INDArray int8Result = Nd4j.create(DataType.FLOAT, rows, 12);
    Gemm.gemm(false, false, rows, 12, 8, 1, x, 0, 8, w, 8 * 12, 12, 0, int8Result, 0, 12);
    INDArray direct = Nd4j.create(DataType.FLOAT, rows, 12);
    q.multiply(rows, 8, 8, 0, 12, 1, x, 0, 8, 0, direct, 0, 12);
    assertEquals(direct, int8Result, "the registered read went through int8");
    assertNotEquals(floatResult, int8Result);
    double err = int8Result.sub(floatResult).norm2Number().doubleValue()
        / floatResult.norm2Number().doubleValue();
    assertTrue(err < 0.03, "relative error " + err);
    // a transposed read (backpropagation's) stays float
    INDArray dy = Nd4j.randn(DataType.FLOAT, 3, 12);
    INDArray dx = Nd4j.create(DataType.FLOAT, 3, 16);
    Gemm.gemm(false, true, 3, 16, 12, 1, dy, 0, 12, w, 0, 12, 0, dx, 0, 16);
    assertEquals(dy.mmul(w.transpose()), dx);
  }

  @Test
  void fusedProductRunsOnAFastKernelAndMatchesTheSimplePath() {
    // the matmul primitive (scales inside oneDNN) against dnnl_gemm_u8s8s32 with the scaling
    // in Java: the same integer sums, so only the order of the float scalings differs
    INDArray w = Nd4j.randn(DataType.FLOAT, 96, 150);
    QuantizedMatrix q = QuantizedMatrix.quantize(w, false);
    String kernel = q.kernel();
    assertNotNull(kernel, "oneDNN has a fast int8 matmul on every x86-64 CPU with AVX2");
    assertFalse(kernel.startsWith("ref"), kernel);
    // 1, 3 and 64 rows, and 70 (a chunk of 64 and one of 6); beta 0, 1 and 2; strided x and C
    for (int m : new int[] {1, 3, 64, 70}) {
      for (float beta : new float[] {0f, 1f, 2f}) {
        int k = 40;
        int lda = k + 3;
        int ldc = 150 + 5;
        INDArray x = Nd4j.randn(DataType.FLOAT, m, lda);
        INDArray c0 = Nd4j.randn(DataType.FLOAT, m, ldc);
        INDArray fused = c0.dup();
        INDArray simple = c0.dup();
        assertTrue(q.multiply(m, k, 50, 0, 150, 0.75f, x, 1, lda, beta, fused, 2, ldc));
        q.multiplyReference(m, k, 50, 0.75f, x, 1, lda, beta, simple, 2, ldc);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < ldc; j++) {
            double e = simple.getDouble(i, j);
            assertEquals(e, fused.getDouble(i, j), 1e-5 * Math.max(1, Math.abs(e)),
                "m " + m + " beta " + beta + " [" + i + "][" + j + "]");
          }
        }
      }
    }
  }

  @Test
  void aRangeOfOutputColumnsMatchesThoseColumnsOfTheWholeProduct() {
    // what the split decoding step asks of the output layer W [V, H]: logits [from, to) only
    int v = 300;
    int h = 64;
    Parameters.Builder pb = Parameters.builder(DataType.FLOAT);
    pb.add("w", v, h);
    Parameters p = pb.build();
    p.flatValues().assign(Nd4j.randn(DataType.FLOAT, 1, p.count()));
    INDArray w = p.value("w");
    Int8Weights.register(w, QuantizedMatrix.quantize(w, true));
    for (int m : new int[] {1, 4, 12}) {
      INDArray x = Nd4j.randn(DataType.FLOAT, m, h);
      INDArray whole = Nd4j.create(DataType.FLOAT, m, v);
      Gemm.gemm(false, true, m, v, h, 1, x, 0, h, w, 0, h, 0, whole, 0, v);
      INDArray parts = Nd4j.create(DataType.FLOAT, m, v).assign(Float.NaN);
      int from = 225;
      Gemm.gemm(false, true, m, from, h, 1, x, 0, h, w, 0, h, 0, parts, 0, v);
      Gemm.gemm(false, true, m, v - from, h, 1, x, 0, h, w, (long) from * h, h, 0, parts, from,
          v);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < v; j++) {
          double e = whole.getDouble(i, j);
          assertEquals(e, parts.getDouble(i, j), 1e-5 * Math.max(1, Math.abs(e)),
              "m " + m + " [" + i + "][" + j + "]");
        }
      }
      // and in int8 (where it runs for m rows), not float: the float product over the
      // dequantized weights differs by the activations' quantization error
      INDArray exact = x.mmul(w.transpose());
      if (Int8Weights.worthIt(m)) {
        assertNotEquals(exact, parts);
      }
      double err = parts.sub(exact).norm2Number().doubleValue() / exact.norm2Number().doubleValue();
      assertTrue(err < 0.03, "relative error " + err);
    }
  }

  @Test
  void threadsRunningProductsAtOnceGetTheirOwnResults() throws Exception {
    // decoding workers (one core each) make and run int8 primitives side by side, as translate
    // does: each must get its own scratchpad (with oneDNN's own, they wrote each other's partial
    // sums: whole blocks of 32 rows or columns came out wrong)
    int k = 512;
    List<QuantizedMatrix> matrices = List.of(
        QuantizedMatrix.quantize(Nd4j.randn(DataType.FLOAT, k, 1536), false),
        QuantizedMatrix.quantize(Nd4j.randn(DataType.FLOAT, k, 4059), false));
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int rep = 0; rep < 6; rep++) {
      for (int m : new int[] {64, 62, 45, 33}) {
        for (QuantizedMatrix q : matrices) {
          int n = q.outputs();
          INDArray a = Nd4j.randn(DataType.FLOAT, m, k);
          INDArray bias = Nd4j.randn(DataType.FLOAT, m, n);
          INDArray expected = bias.dup();
          q.multiplyReference(m, k, 0, 1f, a, 0, k, 1f, expected, 0, n);
          tasks.add(() -> {
            OneCore.markCurrentThread();
            INDArray c = bias.dup();
            assertTrue(q.multiply(m, k, 0, 0, n, 1f, a, 0, k, 1f, c, 0, n));
            double worst = c.sub(expected).amaxNumber().doubleValue();
            assertTrue(worst < 1e-3, m + " rows x " + n + ": off by " + worst);
            return null;
          });
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static float[][] randomMatrix(int rows, int cols) {
    float[][] x = new float[rows][cols];
    for (float[] r : x) {
      for (int j = 0; j < cols; j++) {
        r[j] = (float) RANDOM.nextGaussian();
      }
    }
    return x;
  }

  /**
   * The definition in double loops: x quantized per row (scale max|x|/L, rounded, clamped), the
   * integer products summed exactly, then scaled by both scales.
   */
  private static double[][] reference(float[][] x, QuantizedMatrix q, int row0, int k,
      double alpha, double beta, float[][] c0) {
    int levels = DnnlInt8.SEVEN_BIT ? 63 : 127;
    int n = q.outputs();
    byte[] stored = q.storedValues();
    float[] scales = q.scales();
    double[][] out = new double[x.length][n];
    for (int i = 0; i < x.length; i++) {
      float max = 0;
      for (int p = 0; p < k; p++) {
        max = Math.max(max, Math.abs(x[i][p]));
      }
      float s = max > 0 ? max / levels : 1f;
      float inverse = max > 0 ? levels / max : 0f;
      long[] xq = new long[k];
      for (int p = 0; p < k; p++) {
        xq[p] = (long) Math.rint(x[i][p] * inverse);
        assertTrue(Math.abs(xq[p]) <= levels);
      }
      for (int j = 0; j < n; j++) {
        long sum = 0;
        for (int p = 0; p < k; p++) {
          int wq = q.outputMajor() ? stored[j * q.inputs() + row0 + p]
              : stored[(row0 + p) * n + j];
          sum += xq[p] * wq;
        }
        out[i][j] = beta * c0[i][j] + alpha * (double) s * scales[j] * sum;
      }
    }
    return out;
  }

  private static void assertClose(double[][] expected, INDArray actual) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        double e = expected[i][j];
        assertEquals(e, actual.getDouble(i, j), 1e-5 * Math.max(1, Math.abs(e)),
            "[" + i + "][" + j + "]");
      }
    }
  }
}
