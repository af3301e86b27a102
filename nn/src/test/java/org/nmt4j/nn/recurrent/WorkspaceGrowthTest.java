package org.nmt4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.MatrixRef;

/**
 * A {@link SequenceWorkspace} grows to exactly the longest run, frees what it outgrew at once,
 * reuses its buffers for shorter runs, and a reused or grown workspace computes what a fresh one
 * does.
 */
class WorkspaceGrowthTest {
  private static final int IN = 3;

  @ParameterizedTest
  @EnumSource(CellType.class)
  void growsExactlyFreesTheOldBufferAndMatchesAFreshWorkspace(CellType cell) {
    Parameters params = RecurrentLayerTest.params(cell, IN, 21, 1);
    RecurrentLayer layer = new RecurrentLayer(params, cell, "l", IN, RecurrentLayerTest.H, false);
    SequenceWorkspace ws = layer.newWorkspace();

    run(layer, ws, 3, 31);
    INDArray first = ws.forwardBuffer();
    assertEquals(3, ws.timeCapacity());
    INDArray seven = run(layer, ws, 7, 32);
    assertEquals(7, ws.timeCapacity(), "grown to the new length exactly, no slack");
    assertNotSame(first, ws.forwardBuffer());
    assertTrue(first.wasClosed(), "the outgrown buffer is freed at once");
    assertEquals(run(layer, layer.newWorkspace(), 7, 32), seven);

    INDArray grown = ws.forwardBuffer();
    INDArray five = run(layer, ws, 5, 33);
    assertSame(grown, ws.forwardBuffer(), "a shorter run reuses the buffers");
    assertEquals(7, ws.timeCapacity());
    assertEquals(run(layer, layer.newWorkspace(), 5, 33), five);
  }

  /**
   * A forward and backward run of {@code time} steps: its outputs, the input gradient and the
   * weight gradients, in one vector.
   */
  private static INDArray run(RecurrentLayer layer, SequenceWorkspace ws, int time, long seed) {
    int[] lengths = {time, Math.max(1, time - 2)};
    int batch = lengths.length;
    Padding pad = Padding.of(lengths, time, DataType.DOUBLE);
    INDArray x = RecurrentLayerTest.rand(seed, (long) time * batch, IN);
    layer.forward(ws, pad, new MatrixRef[] {MatrixRef.of(x)}, null, null);
    INDArray out = ws.output().view().dup();
    ws.outputGradient().view().assign(RecurrentLayerTest.rand(seed + 100, (long) time * batch,
        RecurrentLayerTest.H));
    INDArray dx = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, (long) time * batch, IN);
    layer.zeroGradients();
    layer.backward(ws, new MatrixRef[] {MatrixRef.of(x)}, true, null, null,
        new MatrixRef[] {MatrixRef.of(dx)}, false, null, null);
    INDArray dw = org.nd4j.linalg.factory.Nd4j.concat(0, layer.gradWx.dup().reshape(-1),
        layer.gradWh.dup().reshape(-1));
    return org.nd4j.linalg.factory.Nd4j.concat(0, out.reshape(-1), dx.reshape(-1), dw);
  }
}
