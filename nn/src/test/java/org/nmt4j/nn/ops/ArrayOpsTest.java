package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArrayOpsTest {
  static INDArray rand(DataType type, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, 7, 5).subi(0.5).muli(6).castTo(type);
  }

  static double[] values(INDArray x) {
    return x.castTo(DataType.DOUBLE).data().asDouble();
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void everyOpMatchesPlainArithmetic(String typeName) {
    DataType type = DataType.valueOf(typeName);
    double tol = type == DataType.FLOAT ? 1e-6 : 1e-14;
    INDArray x = rand(type, 1);
    INDArray y = rand(type, 2);
    double[] a = values(x);
    double[] b = values(y);
    INDArray z = Nd4j.create(type, 7, 5);
    ArrayOps.mul(x, y, z);
    check(z, tol, a, b, (p, q) -> p * q);
    ArrayOps.add(x, y, z);
    check(z, tol, a, b, (p, q) -> p + q);
    ArrayOps.sub(x, y, z);
    check(z, tol, a, b, (p, q) -> p - q);
    z.assign(y);
    ArrayOps.addi(z, x);
    check(z, tol, a, b, (p, q) -> q + p);
    ArrayOps.tanh(x, z);
    check(z, tol, a, b, (p, q) -> Math.tanh(p));
    z.assign(x);
    ArrayOps.sigmoid(z);
    check(z, tol, a, b, (p, q) -> 1 / (1 + Math.exp(-p)));
    ArrayOps.timesOneMinus(x, z);
    check(z, tol * 10, a, b, (p, q) -> p * (1 - p));
    ArrayOps.oneMinusSquare(x, z);
    check(z, tol * 10, a, b, (p, q) -> 1 - p * p);
    INDArray col = rand(type, 3).getColumn(0).reshape(7, 1).dup();
    double[] c = values(col);
    ArrayOps.mulColumn(x, col, z);
    double[] got = values(z);
    for (int i = 0; i < 35; i++) {
      assertEquals(a[i] * c[i / 5], got[i], tol * 10);
    }
  }

  interface F {
    double apply(double p, double q);
  }

  static void check(INDArray z, double tol, double[] a, double[] b, F f) {
    double[] got = values(z);
    for (int i = 0; i < got.length; i++) {
      double want = f.apply(a[i], b[i]);
      assertEquals(want, got[i], tol * Math.max(1, Math.abs(want)), "element " + i);
    }
  }

  @Test
  void opsWorkOnOffsetViews() {
    INDArray buffer = Nd4j.linspace(DataType.DOUBLE, 1, 40, 1);
    BlockSeries s = new BlockSeries(buffer, 3, 3, 3, 4);
    INDArray a = s.head(0, 2);
    INDArray b = s.head(2, 2);
    INDArray z = Nd4j.create(DataType.DOUBLE, 2, 4);
    ArrayOps.mul(a, b, z);
    // block 0 starts at element 3 (value 4), block 2 at element 27 (value 28)
    assertEquals(4.0 * 28.0, z.getDouble(0, 0), 0.0);
    assertEquals(11.0 * 35.0, z.getDouble(1, 3), 0.0);
    assertEquals(28.0, NativeMemory.get(buffer, s.offset(2)), 0.0);
  }
}
