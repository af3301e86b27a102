package org.nmt4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.GradientCheck;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.MatrixRef;

/** {@link RecurrentLayer} with every cell against finite differences and the naive equations. */
class RecurrentLayerTest {
  static final int IN_A = 3;
  static final int IN_B = 2;
  static final int H = 4;
  static final int T = 6;

  static INDArray rand(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
  }

  static Parameters params(CellType cell, int in, long seed, double scale) {
    Parameters.Builder builder = Parameters.builder(DataType.DOUBLE);
    RecurrentLayer.declare(builder, cell, "l", in, H);
    Parameters params = builder.build();
    params.flatValues().assign(rand(seed, 1, params.count()).muli(scale));
    return params;
  }

  static int[] lengths(String list) {
    String[] parts = list.trim().split(" ");
    int[] lengths = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      lengths[i] = Integer.parseInt(parts[i]);
    }
    return lengths;
  }

  @ParameterizedTest(name = "{0} reversed={1} lengths={2} initial={3}")
  @CsvSource({
      "LSTM, false, 6 3 5 1 4, true",
      "LSTM, true, 6 3 5 1 4, true",
      "LSTM, false, 6 5 4 3 1, false",
      "LSTM, true, 6 5 4 3 1, true",
      "LSTM, true, 2 6 0 3 6, false",
      "LSTM, false, 5 5 5 5 5, true",
      "GRU, false, 6 3 5 1 4, true",
      "GRU, true, 6 3 5 1 4, true",
      "GRU, true, 2 6 0 3 6, false",
      "GRU, false, 5 5 5 5 5, true",
      "RNN, false, 6 3 5 1 4, true",
      "RNN, true, 6 3 5 1 4, true",
      "RNN, true, 2 6 0 3 6, false",
      "RNN, false, 5 5 5 5 5, true",
  })
  void gradientsMatchFiniteDifferences(CellType cell, boolean reversed, String lengthList,
      boolean initial) {
    int[] lengths = lengths(lengthList);
    int batch = lengths.length;
    Parameters params = params(cell, IN_A + IN_B, 1, 0.6);
    RecurrentLayer layer = new RecurrentLayer(params, cell, "l", IN_A + IN_B, H, reversed);
    SequenceWorkspace ws = layer.newWorkspace();
    Padding pad = Padding.of(lengths, T, DataType.DOUBLE);
    boolean hasC = cell.hasCellState();

    INDArray xa = rand(2, T * batch, IN_A);
    INDArray xb = rand(3, T * batch, IN_B);
    MatrixRef[] inputs = {MatrixRef.of(xa), MatrixRef.of(xb)};
    INDArray h0 = initial ? rand(4, batch, H) : null;
    INDArray c0 = initial && hasC ? rand(5, batch, H) : null;
    INDArray rOut = rand(6, T * batch, H);
    INDArray rh = rand(7, batch, H);
    INDArray rc = hasC ? rand(8, batch, H) : null;

    DoubleSupplier loss = () -> {
      layer.forward(ws, pad, inputs, h0, c0);
      double s = ws.output().view().mul(rOut).sumNumber().doubleValue()
          + ws.finalH().mul(rh).sumNumber().doubleValue();
      return hasC ? s + ws.finalC().mul(rc).sumNumber().doubleValue() : s;
    };
    loss.getAsDouble();
    if (!hasC) {
      assertNull(ws.finalC(), "a " + cell + " has no cell state");
    }
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
      if (hasC) {
        results.add(GradientCheck.check("c0", c0, dc0, loss, 1e-3, 25, 1e-11));
      }
    }
    for (GradientCheck.Result r : results) {
      System.out.println("RecurrentLayer " + cell + (reversed ? " rev " : " fwd ") + lengthList
          + " " + r);
      assertTrue(r.maxRelativeError() < 1e-6, r.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "RNN"})
  void paddedStepsFreezeStateAndZeroOutput(CellType cell) {
    Parameters params = params(cell, IN_A, 11, 1);
    for (boolean reversed : new boolean[] {false, true}) {
      RecurrentLayer layer = new RecurrentLayer(params, cell, "l", IN_A, H, reversed);
      int[] lengths = {3, 6, 1};
      INDArray x = rand(12, T * 3, IN_A);
      SequenceWorkspace ws = layer.newWorkspace();
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
        SequenceWorkspace alone = layer.newWorkspace();
        layer.forward(alone, Padding.of(new int[] {len}, len, DataType.DOUBLE),
            new MatrixRef[] {MatrixRef.of(xs)}, null, null);
        for (int t = 0; t < T; t++) {
          INDArray row = out.getRow(t * 3 + b);
          if (t < len) {
            assertEquals(0, row.sub(alone.output().view().getRow(t)).norm2Number().doubleValue(),
                1e-12);
          } else {
            assertEquals(0, row.norm2Number().doubleValue(), 0.0);
          }
        }
        assertEquals(0, finalH.getRow(b).sub(alone.finalH().getRow(0)).norm2Number().doubleValue(),
            1e-12);
      }
    }
  }

  /** The optimised forward pass against the textbook equations in double loops. */
  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "RNN"})
  void forwardMatchesNaiveReference(CellType cell) {
    int[] lengths = {5, 2, 6, 1};
    int batch = lengths.length;
    Parameters params = params(cell, IN_A, 21, 0.8);
    NaiveRecurrence.Weights w = naive(cell, params);
    INDArray x = rand(22, T * batch, IN_A);
    INDArray h0 = rand(23, batch, H);
    INDArray c0 = cell.hasCellState() ? rand(24, batch, H) : null;
    double worst = 0;
    for (boolean reversed : new boolean[] {false, true}) {
      RecurrentLayer layer = new RecurrentLayer(params, cell, "l", IN_A, H, reversed);
      SequenceWorkspace ws = layer.newWorkspace();
      layer.forward(ws, Padding.of(lengths, T, DataType.DOUBLE),
          new MatrixRef[] {MatrixRef.of(x)}, h0, c0);
      double[][] out = ws.output().view().toDoubleMatrix();
      double[][] finalH = ws.finalH().toDoubleMatrix();
      double[][] finalC = c0 == null ? null : ws.finalC().toDoubleMatrix();
      for (int b = 0; b < batch; b++) {
        double[][] xs = new double[lengths[b]][];
        for (int t = 0; t < lengths[b]; t++) {
          xs[t] = x.getRow((long) t * batch + b).toDoubleVector();
        }
        NaiveRecurrence.State s0 = new NaiveRecurrence.State(h0.getRow(b).toDoubleVector(),
            c0 == null ? null : c0.getRow(b).toDoubleVector());
        double[][] expected = NaiveRecurrence.outputs(w, s0, xs, reversed);
        for (int t = 0; t < lengths[b]; t++) {
          worst = Math.max(worst, maxDiff(expected[t], out[t * batch + b]));
        }
        NaiveRecurrence.State last = NaiveRecurrence.finalState(w, s0, xs, reversed);
        worst = Math.max(worst, maxDiff(last.h(), finalH[b]));
        if (finalC != null) {
          worst = Math.max(worst, maxDiff(last.c(), finalC[b]));
        }
      }
    }
    System.out.println("RecurrentLayer " + cell + " vs naive reference: max abs diff " + worst);
    assertTrue(worst < 1e-12, cell + ": max abs difference " + worst);
  }

  /** One decoding step at a time (computed and table-fed inputs) equals the sequence pass. */
  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "RNN"})
  void stepsEqualTheSequencePass(CellType cell) {
    int batch = 3;
    int vocabulary = 7;
    Parameters params = params(cell, IN_A, 31, 0.8);
    RecurrentLayer layer = new RecurrentLayer(params, cell, "l", IN_A, H, false);
    INDArray embedding = rand(32, vocabulary, IN_A);
    int[][] ids = {{1, 4, 6}, {2, 2, 0}, {5, 3, 1}, {6, 0, 4}};
    INDArray x = Nd4j.create(DataType.DOUBLE, (long) T * batch, IN_A);
    for (int t = 0; t < ids.length; t++) {
      for (int b = 0; b < batch; b++) {
        x.getRow((long) t * batch + b).assign(embedding.getRow(ids[t][b]));
      }
    }
    INDArray h0 = rand(33, batch, H);
    INDArray c0 = cell.hasCellState() ? rand(34, batch, H) : null;
    SequenceWorkspace ws = layer.newWorkspace();
    int time = ids.length;
    INDArray xs = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, (long) time * batch),
        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    layer.forward(ws, Padding.of(new int[] {time, time, time}, time, DataType.DOUBLE),
        new MatrixRef[] {MatrixRef.of(xs)}, h0, c0);
    InputProjection table = InputProjection.build(embedding, layer);
    for (boolean tableFed : new boolean[] {false, true}) {
      StepBuffers sb = layer.newStepBuffers(batch);
      INDArray h = h0.dup();
      INDArray c = c0 == null ? null : c0.dup();
      for (int t = 0; t < time; t++) {
        if (tableFed) {
          layer.step(sb, table, ids[t], h, c);
        } else {
          INDArray xt = xs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(
              (long) t * batch, (long) (t + 1) * batch), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
          layer.step(sb, new MatrixRef[] {MatrixRef.of(xt)}, h, c);
        }
        double d = h.sub(ws.output(t)).amaxNumber().doubleValue();
        assertTrue(d < 1e-12, cell + " step " + t + (tableFed ? " (table)" : "") + ": " + d);
      }
      if (c != null) {
        assertTrue(c.sub(ws.finalC()).amaxNumber().doubleValue() < 1e-12);
      }
    }
  }

  static NaiveRecurrence.Weights naive(CellType cell, Parameters params) {
    return new NaiveRecurrence.Weights(cell.id(), params.value("l.Wx").toDoubleMatrix(),
        params.value("l.Wh").toDoubleMatrix(), params.value("l.b").toDoubleVector(),
        params.contains("l.bh") ? params.value("l.bh").toDoubleVector() : null);
  }

  static double maxDiff(double[] a, double[] b) {
    assertEquals(a.length, b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
