package org.nmt4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.quant.Bf16Weights;
import org.nmt4j.nn.quant.DnnlBf16;

/**
 * Backpropagation through time reads a transposed copy of Wh for float products, but a Wh with a
 * bf16 form (bf16 training) through Wh itself, so that its per-step products stay in bf16: the
 * gradients then follow the float ones within bf16 rounding, and no copy is made.
 */
class Bf16BackwardTest {
  static final int IN = 7;
  static final int H = 72; // outside the 33-64 outputs that stay float (Bf16Matrix)
  static final int T = 5;
  static final int[] LENGTHS = {5, 4, 4, 2, 1};

  /** dh0 after a forward and backward pass; Wh registered as trained bf16 weights if asked. */
  private static INDArray dh0(boolean bf16, boolean[] copied) {
    int batch = LENGTHS.length;
    Parameters.Builder builder = Parameters.builder(DataType.FLOAT);
    RecurrentLayer.declare(builder, CellType.LSTM, "l", IN, H);
    Parameters params = builder.build();
    Nd4j.getRandom().setSeed(1);
    params.flatValues().assign(Nd4j.rand(DataType.FLOAT, 1, params.count()).subi(0.5).muli(0.4));
    if (bf16) {
      Bf16Weights.registerTrained(params.value("l.Wh"));
    }
    RecurrentLayer layer = new RecurrentLayer(params, CellType.LSTM, "l", IN, H, false);
    SequenceWorkspace ws = layer.newWorkspace();
    Padding pad = Padding.of(LENGTHS, T, DataType.FLOAT);
    Nd4j.getRandom().setSeed(2);
    MatrixRef[] inputs = {MatrixRef.of(Nd4j.rand(DataType.FLOAT, T * batch, IN))};
    layer.forward(ws, pad, inputs, null, null);
    Nd4j.getRandom().setSeed(3);
    ws.outputGradient().view().assign(Nd4j.rand(DataType.FLOAT, T * batch, H));
    INDArray dh0 = Nd4j.create(DataType.FLOAT, batch, H);
    INDArray dc0 = Nd4j.create(DataType.FLOAT, batch, H);
    layer.backward(ws, inputs, true, null, null, null, false, dh0, dc0);
    copied[0] = ws.holdsTransposedCopy();
    return dh0;
  }

  @Test
  void bf16WeightsAreReadThroughTheirBf16Form() {
    assumeTrue(DnnlBf16.available(), "this CPU has no bf16 instructions (AMX or AVX-512 BF16)");
    boolean[] copied = new boolean[1];
    INDArray floats = dh0(false, copied);
    assertTrue(copied[0], "float products read a transposed copy of Wh");
    INDArray bf16 = dh0(true, copied);
    assertFalse(copied[0], "bf16 products read Wh's bf16 form, not a copy");
    double scale = floats.amaxNumber().doubleValue();
    double diff = bf16.sub(floats).amaxNumber().doubleValue() / scale;
    assertTrue(diff > 1e-5 && diff < 3e-2, "bf16 against float dh0: " + diff);
  }
}
