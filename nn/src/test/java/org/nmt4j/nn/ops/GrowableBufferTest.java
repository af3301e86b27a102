package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GrowableBufferTest {
  @Test
  void smallerRequestsReuseTheBufferAndALargerOneFreesIt() {
    GrowableBuffer buffer = new GrowableBuffer(DataType.FLOAT);
    assertEquals(0, buffer.capacity());
    INDArray first = buffer.atLeast(100);
    assertEquals(100, buffer.capacity());
    assertSame(first, buffer.atLeast(60), "a smaller request reuses the buffer");
    assertSame(first, buffer.matrix(10, 10).array(), "so does an equal one");

    INDArray second = buffer.atLeast(101);
    assertEquals(101, buffer.capacity(), "growth allocates exactly the request, no slack");
    assertTrue(first.wasClosed(), "the outgrown buffer is freed at once, not at the next GC");
    assertFalse(second.wasClosed());
    second.assign(3);
    assertEquals(303.0, second.sumNumber().doubleValue(), 0.0);
  }

  @Test
  void freeSkipsViewsAndNull() {
    INDArray owner = Nd4j.create(DataType.FLOAT, 8);
    INDArray view = owner.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4));
    NativeRelease.free(null);
    NativeRelease.free(view);
    assertFalse(owner.wasClosed(), "a view does not own the buffer: nothing is freed");
    owner.assign(1);
    assertEquals(8.0, owner.sumNumber().doubleValue(), 0.0);
    NativeRelease.free(owner);
    assertTrue(owner.wasClosed());
    NativeRelease.free(owner);
  }
}
