package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {
  @Test
  void masksAreReproducibleFromTheSeedAndInverted() {
    Dropout d = new Dropout(0.25);
    INDArray x = Nd4j.ones(DataType.FLOAT, 200, 50);
    INDArray m1 = Nd4j.create(DataType.FLOAT, 200, 50);
    INDArray m2 = Nd4j.create(DataType.FLOAT, 200, 50);
    INDArray m3 = Nd4j.create(DataType.FLOAT, 200, 50);
    INDArray out = Nd4j.create(DataType.FLOAT, 200, 50);
    d.forward(x, m1, out, Initialisers.generator(5));
    d.forward(x, m2, out, Initialisers.generator(5));
    d.forward(x, m3, out, Initialisers.generator(6));
    assertEquals(m1, m2);
    assertNotEquals(m1, m3);
    double keep = 1 / 0.75;
    long zeros = 0;
    for (double v : m1.castTo(DataType.DOUBLE).data().asDouble()) {
      assertTrue(v == 0 || Math.abs(v - keep) < 1e-6, "mask value " + v);
      zeros += v == 0 ? 1 : 0;
    }
    assertEquals(0.25, zeros / 10000.0, 0.03);
    // the output is x * mask, its mean stays about 1
    assertEquals(1.0, out.meanNumber().doubleValue(), 0.05);
    INDArray g = Nd4j.ones(DataType.FLOAT, 200, 50);
    d.backward(g, m3, g);
    assertEquals(m3, g);
  }

  @Test
  void rejectsProbabilitiesOutsideTheRange() {
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
  }
}
