package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;
import org.nmt4j.nn.ops.MatrixRef;

class LstmLayerTest {
  static final int IN_A = 3;
  static final int IN_B = 2;
  static final int H = 4;
  static final int T = 6;

  static INDArray rand(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
  }

  @ParameterizedTest(name = "reversed={0} lengths={1} initial={2}")
  @CsvSource({
      "false, 6 3 5 1 4, true",
      "true, 6 3 5 1 4, true",
      "false, 6 5 4 3 1, false",
      "true, 6 5 4 3 1, true",
      "true, 2 6 0 3 6, false",
      "false, 5 5 5 5 5, true",
  })
  void gradientsMatchFiniteDifferences(boolean reversed, String lengthList, boolean initial) {
    String[] parts = lengthList.trim().split(" ");
    int[] lengths = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      lengths[i] = Integer.parseInt(parts[i]);
    }
    int batch = lengths.length;
    Parameters.Builder builder = Parameters.builder(DataType.DOUBLE);
    LstmLayer.declare(builder, "l", IN_A + IN_B, H);
    Parameters params = builder.build();
    params.flatValues().assign(rand(1, 1, params.count()).muli(0.6));
    LstmLayer layer = new LstmLayer(params, "l", IN_A + IN_B, H, reversed);
    LstmLayer.Workspace ws = layer.newWorkspace();
    Padding pad = Padding.of(lengths, T, DataType.DOUBLE);

    INDArray xa = rand(2, T * batch, IN_A);
    INDArray xb = rand(3, T * batch, IN_B);
    MatrixRef[] inputs = {MatrixRef.of(xa), MatrixRef.of(xb)};
    INDArray h0 = initial ? rand(4, batch, H) : null;
    INDArray c0 = initial ? rand(5, batch, H) : null;
    INDArray rOut = rand(6, T * batch, H);
    INDArray rh = rand(7, batch, H);
    INDArray rc = rand(8, batch, H);

    java.util.function.DoubleSupplier loss = () -> {
      layer.forward(ws, pad, inputs, h0, c0);
      return ws.output().view().mul(rOut).sumNumber().doubleValue()
          + ws.finalH().mul(rh).sumNumber().doubleValue()
          + ws.finalC().mul(rc).sumNumber().doubleValue();
    };
    loss.getAsDouble();
    ws.outputGradient().view().assign(rOut);
    INDArray dxa = Nd4j.create(DataType.DOUBLE, T * batch, IN_A);
    INDArray dxb = Nd4j.create(DataType.DOUBLE, T * batch, IN_B);
    INDArray dh0 = Nd4j.create(DataType.DOUBLE, batch, H);
    INDArray dc0 = Nd4j.create(DataType.DOUBLE, batch, H);
    layer.backward(ws, inputs, true, rh, rc,
        new MatrixRef[] {MatrixRef.of(dxa), MatrixRef.of(dxb)}, false, dh0, dc0);

    List<GradientCheck.Result> results = new ArrayList<>();
    for (String name : params.names()) {
      results.add(GradientCheck.check(name, params.value(name), params.gradient(name).dup(), loss,
          1e-3, 25, 1e-11));
    }
    results.add(GradientCheck.check("xa", xa, dxa, loss, 1e-3, 25, 1e-11));
    results.add(GradientCheck.check("xb", xb, dxb, loss, 1e-3, 25, 1e-11));
    if (initial) {
      results.add(GradientCheck.check("h0", h0, dh0, loss, 1e-3, 25, 1e-11));
      results.add(GradientCheck.check("c0", c0, dc0, loss, 1e-3, 25, 1e-11));
    }
    for (GradientCheck.Result r : results) {
      System.out.println("LstmLayer " + (reversed ? "rev " : "fwd ") + lengthList + " " + r);
      assertTrue(r.maxRelativeError() < 1e-6, r.toString());
    }
  }

  @Test
  void paddedStepsFreezeStateAndZeroOutput() {
    Parameters.Builder builder = Parameters.builder(DataType.DOUBLE);
    LstmLayer.declare(builder, "l", IN_A, H);
    Parameters params = builder.build();
    params.flatValues().assign(rand(11, 1, params.count()));
    for (boolean reversed : new boolean[] {false, true}) {
      LstmLayer layer = new LstmLayer(params, "l", IN_A, H, reversed);
      int[] lengths = {3, 6, 1};
      INDArray x = rand(12, T * 3, IN_A);
      LstmLayer.Workspace ws = layer.newWorkspace();
      layer.forward(ws, Padding.of(lengths, T, DataType.DOUBLE), new MatrixRef[] {MatrixRef.of(x)},
          null, null);
      INDArray out = ws.output().view().dup();
      INDArray finalH = ws.finalH().dup();
      for (int b = 0; b < 3; b++) {
        // the same sentence alone, unpadded
        int len = lengths[b];
        INDArray xs = Nd4j.create(DataType.DOUBLE, len, IN_A);
        for (int t = 0; t < len; t++) {
          xs.getRow(t).assign(x.getRow(t * 3 + b));
        }
        LstmLayer.Workspace alone = layer.newWorkspace();
        layer.forward(alone, Padding.of(new int[] {len}, len, DataType.DOUBLE),
            new MatrixRef[] {MatrixRef.of(xs)}, null, null);
        for (int t = 0; t < T; t++) {
          INDArray row = out.getRow(t * 3 + b);
          if (t < len) {
            assertEquals(0, row.sub(alone.output().view().getRow(t)).norm2Number().doubleValue(), 1e-12);
          } else {
            assertEquals(0, row.norm2Number().doubleValue(), 0.0);
          }
        }
        assertEquals(0, finalH.getRow(b).sub(alone.finalH().getRow(0)).norm2Number().doubleValue(), 1e-12);
      }
    }
  }
}
