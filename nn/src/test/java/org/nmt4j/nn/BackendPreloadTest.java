package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.Gemm;

class BackendPreloadTest {
  @Test
  void oneLoadPerProcessAndBothLibrariesReadyAfterIt() throws Exception {
    BackendPreload first = BackendPreload.start();
    // callers on other threads (a server loading two models at once) share the same load
    BackendPreload[] other = new BackendPreload[1];
    Thread t = new Thread(() -> other[0] = BackendPreload.start());
    t.start();
    t.join();
    assertSame(first, other[0]);
    assertSame(first, BackendPreload.start());
    first.await();
    first.await(); // again: returns at once
    assertEquals(3.0, Nd4j.create(new float[] {1, 2}).sumNumber().doubleValue(), 0);
    assertEquals(DataType.FLOAT, Nd4j.create(DataType.FLOAT, 1).dataType());
    assertEquals(Gemm.floatBackend(), Gemm.floatBackend());
  }
}
