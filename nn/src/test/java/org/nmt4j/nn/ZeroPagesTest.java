package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ZeroPagesTest {
  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "INT"})
  void zeroRowVectorThatViewsWriteThrough(DataType type) {
    INDArray row = ZeroPages.rowVector(type, 1000);
    assertEquals(type, row.dataType());
    assertArrayEquals(new long[] {1, 1000}, row.shape());
    assertEquals(0.0, row.sumNumber().doubleValue(), 0.0);
    assertEquals(0.0, row.amaxNumber().doubleValue(), 0.0);
    INDArray view = row.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 16)).reshape('c', 2, 3);
    view.assign(2);
    assertEquals(12.0, row.sumNumber().doubleValue(), 0.0);
    assertEquals(2.0, row.getDouble(0, 15), 0.0);
    assertEquals(0.0, row.getDouble(0, 16), 0.0);
    row.addi(1);
    assertEquals(1012.0, row.sumNumber().doubleValue(), 0.0);
  }

  @org.junit.jupiter.api.Test
  void parameterGradientsStartAtZero() {
    Parameters.Builder b = Parameters.builder(DataType.FLOAT);
    b.add("w", 3, 4);
    b.add("b", 4);
    Parameters p = b.build();
    assertEquals(0.0, p.flatGradients().amaxNumber().doubleValue(), 0.0);
    p.gradient("b").assign(1);
    assertEquals(4.0, p.flatGradients().sumNumber().doubleValue(), 0.0);
  }
}
