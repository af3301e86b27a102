package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.nn.Parameters;

class GemmTest {
  @ParameterizedTest(name = "{0} on {3} transA={1} transB={2}")
  @CsvSource({"FLOAT, false, false, DNNL", "FLOAT, true, false, DNNL", "FLOAT, false, true, DNNL",
      "FLOAT, true, true, DNNL", "FLOAT, false, false, OPENBLAS", "FLOAT, true, false, OPENBLAS",
      "FLOAT, false, true, OPENBLAS", "FLOAT, true, true, OPENBLAS",
      "DOUBLE, false, true, DNNL", "DOUBLE, true, true, DNNL"})
  void subMatrixProductsMatchNaiveSums(DataType type, boolean ta, boolean tb, GemmLibrary lib) {
    int m = 3;
    int n = 4;
    int k = 5;
    // A and B live inside parameter views (offset views), C inside a larger buffer
    Parameters.Builder pb = Parameters.builder(type);
    pb.add("pad", 7);
    pb.add("a", 6, 9);
    pb.add("b", 8, 10);
    Parameters p = pb.build();
    Nd4j.getRandom().setSeed(4);
    p.flatValues().assign(Nd4j.rand(DataType.DOUBLE, 1, p.count()).castTo(type));
    INDArray a = p.value("a");
    INDArray b = p.value("b");
    INDArray c = Nd4j.rand(DataType.DOUBLE, 1, 60).castTo(type);
    long aOff = 9 + 2;   // row 1, column 2
    long bOff = 10 * 2 + 1;
    long cOff = 7;
    int ldc = 9;
    INDArray before = c.dup();
    Gemm.gemm(lib, ta, tb, m, n, k, 0.5, a, aOff, 9, b, bOff, 10, 2.0, c, cOff, ldc);
    double tol = type == DataType.FLOAT ? 1e-5 : 1e-13;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int q = 0; q < k; q++) {
          double av = ta ? a.getDouble(aOff / 9 + q, aOff % 9 + i) : a.getDouble(aOff / 9 + i, aOff % 9 + q);
          double bv = tb ? b.getDouble(bOff / 10 + j, bOff % 10 + q) : b.getDouble(bOff / 10 + q, bOff % 10 + j);
          s += av * bv;
        }
        long ci = cOff + (long) i * ldc + j;
        assertEquals(0.5 * s + 2.0 * before.getDouble(ci), c.getDouble(ci), tol);
      }
    }
    // elements of C outside the sub-matrix are untouched
    assertEquals(before.getDouble(cOff + 4), c.getDouble(cOff + 4), 0.0);
    assertEquals(before.getDouble(0), c.getDouble(0), 0.0);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"FLOAT, DNNL", "FLOAT, OPENBLAS", "DOUBLE, DNNL"})
  void betaZeroOverwritesEvenNaN(DataType type, GemmLibrary lib) {
    int m = 70;
    int n = 300;
    int k = 40;
    Nd4j.getRandom().setSeed(6);
    INDArray a = Nd4j.rand(DataType.DOUBLE, m, k).castTo(type);
    INDArray b = Nd4j.rand(DataType.DOUBLE, k, n).castTo(type);
    INDArray c = Nd4j.valueArrayOf(new long[] {m, n}, Double.NaN, type);
    Gemm.gemm(lib, false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n);
    double[] av = a.castTo(DataType.DOUBLE).data().asDouble();
    double[] bv = b.castTo(DataType.DOUBLE).data().asDouble();
    double[] cv = c.castTo(DataType.DOUBLE).data().asDouble();
    double worst = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        worst = Math.max(worst, Math.abs(naive(av, false, bv, false, i, j, m, n, k) - cv[i * n + j]));
      }
    }
    assertEquals(0, worst, type == DataType.FLOAT ? 1e-4 : 1e-12);
  }

  /**
   * The products at the LSTM's shapes (batch 64, hidden 512: input and recurrent projections,
   * and the output layer's transposed weight), where the libraries switch to their blocked,
   * multi-threaded kernels, against naive double sums on sampled entries.
   */
  @ParameterizedTest(name = "[{1}, {3}] x [{3}, {2}] transB={4} on {0}")
  @CsvSource({"DNNL, 64, 2048, 512, false", "DNNL, 64, 1000, 512, true",
      "DNNL, 300, 2048, 1024, false", "OPENBLAS, 64, 2048, 512, false",
      "OPENBLAS, 64, 1000, 512, true"})
  void largeFloatProductsMatchNaiveSums(GemmLibrary lib, int m, int n, int k, boolean tb) {
    Nd4j.getRandom().setSeed(8);
    INDArray a = Nd4j.rand(DataType.DOUBLE, m, k).subi(0.5).castTo(DataType.FLOAT);
    INDArray b = (tb ? Nd4j.rand(DataType.DOUBLE, n, k) : Nd4j.rand(DataType.DOUBLE, k, n))
        .subi(0.5).castTo(DataType.FLOAT);
    INDArray c = Nd4j.zeros(DataType.FLOAT, m, n);
    Gemm.gemm(lib, false, tb, m, n, k, 1, a, 0, k, b, 0, tb ? k : n, 0, c, 0, n);
    double[] av = a.castTo(DataType.DOUBLE).data().asDouble();
    double[] bv = b.castTo(DataType.DOUBLE).data().asDouble();
    double[] cv = c.castTo(DataType.DOUBLE).data().asDouble();
    java.util.Random pick = new java.util.Random(3);
    for (int s = 0; s < 400; s++) {
      int i = s < 2 ? (m - 1) * s : pick.nextInt(m);
      int j = s < 2 ? (n - 1) * s : pick.nextInt(n);
      // float rounding of k products of magnitude <= 0.25: a few 1e-6 relative of sqrt(k)
      assertEquals(naive(av, false, bv, tb, i, j, m, n, k), cv[i * n + j], 1e-4,
          "C[" + i + ", " + j + "]");
    }
  }

  @org.junit.jupiter.api.Test
  void aBadLibraryNameIsOneClearError() {
    String was = System.getProperty(GemmLibrary.PROPERTY);
    try {
      System.setProperty(GemmLibrary.PROPERTY, "mkl");
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
              GemmLibrary::configured);
      assertEquals("-Dnmt4j.gemm must be dnnl or openblas, got 'mkl'", e.getMessage());
      System.setProperty(GemmLibrary.PROPERTY, "OpenBLAS");
      assertEquals(GemmLibrary.OPENBLAS, GemmLibrary.configured());
    } finally {
      if (was == null) {
        System.clearProperty(GemmLibrary.PROPERTY);
      } else {
        System.setProperty(GemmLibrary.PROPERTY, was);
      }
    }
  }

  /**
   * sum_q op(A)[i, q] op(B)[q, j] in double, from contiguous row-major copies.
   *
   * @param a op(A) is [m, k]: A is [m, k], or [k, m] when ta
   * @param b op(B) is [k, n]: B is [k, n], or [n, k] when tb
   */
  private static double naive(double[] a, boolean ta, double[] b, boolean tb, int i, int j, int m,
      int n, int k) {
    double s = 0;
    for (int q = 0; q < k; q++) {
      s += (ta ? a[q * m + i] : a[i * k + q]) * (tb ? b[j * k + q] : b[q * n + j]);
    }
    return s;
  }

  @ParameterizedTest
  @CsvSource({"FLOAT", "DOUBLE"})
  void rawAccessSeesTheSameElementsAsViews(DataType type) {
    INDArray base = Nd4j.arange(100).castTo(type).reshape(10, 10);
    INDArray[] views = {base, base.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all()),
        base.getRow(7), base.reshape(1, 100).get(NDArrayIndex.point(0), NDArrayIndex.interval(35, 60)),
        new MatrixRef(base, 42, 2, 3, 10).view()};
    for (INDArray v : views) {
      assertEquals(v.getDouble(0), NativeMemory.get(v, 0), 0.0);
      if (v.length() > 2) {
        assertEquals(v.getDouble(2), NativeMemory.get(v, 2), 0.0);
      }
    }
  }
}
