package org.nmt4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.MatrixRef;

/**
 * The per-step views of a forward and backward run ({@link SequenceWorkspace#hiddenState},
 * {@link SequenceWorkspace#cellState}, {@link SequenceWorkspace#hiddenGradient}) against runs of
 * the layer on the sequence's suffix: starting the layer at step t + 1 from the recorded (h_t,
 * c_t) must end in the same final state, and with the loss at the last step its gradient of h0
 * (itself gradient-checked in {@link RecurrentLayerTest}) must equal the recorded dL/dh_t.
 */
class RecordedStepsTest {
  private static final int H = RecurrentLayerTest.H;
  private static final int IN = RecurrentLayerTest.IN_A;
  private static final int T = 7;
  private static final int B = 3;

  private static Padding full(int time) {
    int[] lengths = new int[B];
    java.util.Arrays.fill(lengths, time);
    return Padding.of(lengths, time, DataType.DOUBLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "RNN"})
  void recordedStatesAndHiddenGradientsMatchRunsOfTheSuffix(CellType cell) {
    Parameters params = RecurrentLayerTest.params(cell, IN, 21, 0.8);
    RecurrentLayer layer = new RecurrentLayer(params, cell, "l", IN, H, false);
    INDArray x = RecurrentLayerTest.rand(5, (long) T * B, IN);
    INDArray u = RecurrentLayerTest.rand(6, B, H);
    SequenceWorkspace ws = layer.newWorkspace();
    ws.recordHiddenGradients(true);
    MatrixRef[] in = {MatrixRef.of(x)};
    layer.forward(ws, full(T), in, null, null);
    ws.outputGradient().view().assign(0);
    ws.outputGradient(T - 1).assign(u);
    layer.backward(ws, in, true, null, null, null, false, null, null);
    INDArray finalH = ws.finalH().dup();
    assertEquals(0, ws.hiddenState(T - 1).sub(finalH).norm2Number().doubleValue(), 0);
    for (int t = 0; t < T - 1; t++) {
      INDArray h = ws.hiddenState(t).dup();
      INDArray c = ws.cellState(t) == null ? null : ws.cellState(t).dup();
      INDArray recorded = ws.hiddenGradient(t).dup();
      SequenceWorkspace suffix = layer.newWorkspace();
      int time = T - 1 - t;
      INDArray xs = x.get(NDArrayIndex.interval((long) (t + 1) * B, (long) T * B), NDArrayIndex.all()).dup();
      MatrixRef[] sin = {MatrixRef.of(xs)};
      layer.forward(suffix, full(time), sin, h, c);
      assertEquals(0, suffix.finalH().sub(finalH).norm2Number().doubleValue(), 1e-12, "final state from step " + t);
      suffix.outputGradient().view().assign(0);
      suffix.outputGradient(time - 1).assign(u);
      INDArray dh0 = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, B, H);
      layer.backward(suffix, sin, true, null, null, null, false, dh0, null);
      assertEquals(0, dh0.sub(recorded).norm2Number().doubleValue(), 1e-12, "dL/dh_" + t);
    }
    assertEquals(0, ws.hiddenGradient(T - 1).sub(u).norm2Number().doubleValue(), 1e-15);
    assertThrows(IndexOutOfBoundsException.class, () -> ws.hiddenState(T));
  }
}
