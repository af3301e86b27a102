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
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @CsvSource({"FLOAT, false, false", "FLOAT, true, false", "FLOAT, false, true",
      "FLOAT, true, true", "DOUBLE, false, true", "DOUBLE, true, true"})
  void subMatrixProductsMatchNaiveSums(DataType type, boolean ta, boolean tb) {
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
    Gemm.gemm(ta, tb, m, n, k, 0.5, a, aOff, 9, b, bOff, 10, 2.0, c, cOff, ldc);
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

  @ParameterizedTest
  @CsvSource({"FLOAT", "DOUBLE"})
  void betaZeroOverwritesEvenNaN(DataType type) {
    // float products may go to oneDNN, double ones to OpenBLAS: both must ignore C when beta is 0
    System.out.println("float products: " + Gemm.floatBackend());
    int m = 70;
    int n = 300;
    int k = 40;
    Nd4j.getRandom().setSeed(6);
    INDArray a = Nd4j.rand(DataType.DOUBLE, m, k).castTo(type);
    INDArray b = Nd4j.rand(DataType.DOUBLE, k, n).castTo(type);
    INDArray c = Nd4j.valueArrayOf(new long[] {m, n}, Double.NaN, type);
    Gemm.mm(a, false, b, false, c, 1, 0);
    INDArray expected = a.castTo(DataType.DOUBLE).mmul(b.castTo(DataType.DOUBLE));
    double worst = c.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
    assertEquals(0, worst, type == DataType.FLOAT ? 1e-4 : 1e-12);
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
