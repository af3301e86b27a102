package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class PaddingTest {
  @Test
  void countsRealRowsPerStep() {
    Padding p = Padding.of(new int[] {3, 1, 4, 0}, 5, DataType.DOUBLE);
    assertEquals(3, p.active(0));
    assertEquals(3, p.span(0));
    assertTrue(p.prefix(0));
    assertEquals(2, p.active(1));
    assertEquals(3, p.span(1));
    assertFalse(p.prefix(1));
    assertEquals(1, p.active(3));
    assertEquals(3, p.span(3));
    assertEquals(0, p.active(4));
    assertEquals(0, p.span(4));
    assertTrue(p.prefix(4));
    assertEquals(8, p.realPositions());
    assertArrayEquals(new double[] {1, 0, 1}, p.mask(1).data().asDouble(), 0.0);
  }

  @Test
  void longestFirstOrderMakesEveryStepAPrefix() {
    int[] lengths = {3, 1, 4, 3, 0};
    int[] order = Padding.longestFirst(lengths);
    assertArrayEquals(new int[] {2, 0, 3, 1, 4}, order);
    int[] sorted = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = lengths[order[i]];
    }
    Padding p = Padding.of(sorted, 4, DataType.FLOAT);
    for (int t = 0; t < 4; t++) {
      assertTrue(p.prefix(t));
    }
  }

  @Test
  void rejectsLengthsBeyondTheWidth() {
    assertThrows(IllegalArgumentException.class, () -> Padding.of(new int[] {5}, 4, DataType.FLOAT));
  }
}
