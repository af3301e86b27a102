package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TransposedWeightsTest {
  @Test
  void copyIsTheTransposeAndNoticesAnyChangeOfTheWeights() {
    Parameters.Builder b = Parameters.builder(DataType.FLOAT);
    b.add("pad", 3);
    b.add("w", 5, 7);
    Parameters p = b.build();
    p.flatValues().assign(Nd4j.rand(DataType.FLOAT, 1, p.count()));
    INDArray w = p.value("w");
    TransposedWeights t = TransposedWeights.of(w);
    assertArrayEquals(new long[] {7, 5}, t.values().shape());
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 7; c++) {
        assertEquals(w.getFloat(r, c), t.values().getFloat(c, r), 0f);
      }
    }
    assertTrue(t.isCurrent(w));
    assertFalse(t.isCurrent(w.dup()), "another array with equal values is not the source");
    // a training step changed one weight by one ulp
    w.putScalar(4, 6, Math.nextUp(w.getFloat(4, 6)));
    p.valuesChanged();
    assertFalse(t.isCurrent(w));
    assertTrue(TransposedWeights.of(w).isCurrent(w));
  }

  @Test
  void onlyContiguousRowMajorMatricesAreAccepted() {
    INDArray m = Nd4j.rand(DataType.FLOAT, 4, 6);
    assertThrows(IllegalArgumentException.class, () -> TransposedWeights.of(m.transpose()));
    INDArray vector = Nd4j.rand(DataType.FLOAT, 8);
    assertThrows(IllegalArgumentException.class, () -> TransposedWeights.of(vector));
  }
}
