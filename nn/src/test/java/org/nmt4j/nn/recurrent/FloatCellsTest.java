package org.nmt4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.ArrayOps;
import org.nmt4j.nn.ops.MatrixRef;

/**
 * The cells in FLOAT (their elementwise work on oneDNN's primitives where it loads) against the
 * same cells in DOUBLE (ND4J's path, itself checked against finite differences and the naive
 * equations in {@link RecurrentLayerTest}): forward outputs, final states, every gradient, and
 * decoding steps that update their state in place. Odd sizes (hidden 37, rows that shrink with
 * packed sequences down to one) exercise the vector kernels' tails. The backward pass reads its
 * input as two parts, as a bidirectional layer's output is read, so that the input gradients
 * multiply by a block of the input weights that does not start at their first row.
 */
class FloatCellsTest {
  static final int IN = 7;
  /** Columns of the first input part in backward passes; the second has the rest. */
  static final int IN_A = 3;
  static final int H = 37;
  static final int T = 5;
  static final int[] LENGTHS = {5, 4, 4, 2, 1};

  static INDArray rand(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
  }

  static Parameters params(CellType cell, DataType type, INDArray values) {
    Parameters.Builder builder = Parameters.builder(type);
    RecurrentLayer.declare(builder, cell, "l", IN, H);
    Parameters params = builder.build();
    params.flatValues().assign(values.castTo(type));
    return params;
  }

  static long parameterCount(CellType cell) {
    Parameters.Builder builder = Parameters.builder(DataType.DOUBLE);
    RecurrentLayer.declare(builder, cell, "l", IN, H);
    return builder.build().count();
  }

  /** Largest |a - b| relative to the largest |b| (at least 1). */
  static double relDiff(INDArray a, INDArray b) {
    INDArray da = a.castTo(DataType.DOUBLE);
    INDArray db = b.castTo(DataType.DOUBLE);
    double scale = Math.max(1, db.amaxNumber().doubleValue());
    return da.sub(db).amaxNumber().doubleValue() / scale;
  }

  /** One layer's forward and backward pass in one type; returns what the other is compared on. */
  static INDArray[] run(CellType cell, DataType type, boolean reversed, INDArray values) {
    int batch = LENGTHS.length;
    Parameters params = params(cell, type, values);
    RecurrentLayer layer = new RecurrentLayer(params, cell, "l", IN, H, reversed);
    SequenceWorkspace ws = layer.newWorkspace();
    Padding pad = Padding.of(LENGTHS, T, type);
    INDArray x = rand(2, T * batch, IN).castTo(type);
    MatrixRef[] inputs = {MatrixRef.of(x)};
    INDArray h0 = rand(3, batch, H).castTo(type);
    INDArray c0 = cell.hasCellState() ? rand(4, batch, H).castTo(type) : null;
    layer.forward(ws, pad, inputs, h0, c0);
    INDArray out = ws.output().view().dup();
    INDArray finalH = ws.finalH().dup();
    ws.outputGradient().view().assign(rand(5, T * batch, H).castTo(type));
    // the same input as two parts [rows, IN_A] and [rows, IN - IN_A]
    MatrixRef[] parts = {MatrixRef.of(x.get(all(), interval(0, IN_A)).dup()),
        MatrixRef.of(x.get(all(), interval(IN_A, IN)).dup())};
    INDArray dxa = Nd4j.create(type, T * batch, IN_A);
    INDArray dxb = Nd4j.create(type, T * batch, IN - IN_A);
    INDArray dh0 = Nd4j.create(type, batch, H);
    INDArray dc0 = Nd4j.create(type, batch, H);
    INDArray rh = rand(6, batch, H).castTo(type);
    INDArray rc = cell.hasCellState() ? rand(7, batch, H).castTo(type) : null;
    layer.backward(ws, parts, true, rh, rc, new MatrixRef[] {MatrixRef.of(dxa), MatrixRef.of(dxb)},
        false, dh0, dc0);
    INDArray dx = Nd4j.hstack(dxa, dxb);
    return new INDArray[] {out, finalH, params.flatGradients().dup(), dx, dh0,
        cell.hasCellState() ? dc0 : dh0};
  }

  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "RNN"})
  void floatForwardAndBackwardMatchDouble(CellType cell) {
    String[] what = {"outputs", "final h", "parameter gradients", "input gradients", "dh0", "dc0"};
    long count = parameterCount(cell);
    INDArray values = rand(1, 1, count).muli(0.6);
    for (boolean reversed : new boolean[] {false, true}) {
      INDArray[] f = run(cell, DataType.FLOAT, reversed, values);
      INDArray[] d = run(cell, DataType.DOUBLE, reversed, values);
      for (int i = 0; i < f.length; i++) {
        double diff = relDiff(f[i], d[i]);
        System.out.println("FloatCells " + cell + (reversed ? " rev " : " fwd ") + what[i]
            + " on " + ArrayOps.floatBackend() + ": max rel diff float vs double " + diff);
        assertTrue(diff < 2e-5, cell + " " + what[i] + ": float differs from double by " + diff);
      }
    }
  }

  /** Decoding steps in FLOAT (state updated in place) against the same steps in DOUBLE. */
  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "RNN"})
  void floatStepsMatchDoubleSteps(CellType cell) {
    long count = parameterCount(cell);
    INDArray values = rand(11, 1, count).muli(0.6);
    for (int batch : new int[] {1, 3}) {
      INDArray[] h = new INDArray[2];
      INDArray[] c = new INDArray[2];
      RecurrentLayer[] layers = new RecurrentLayer[2];
      StepBuffers[] buffers = new StepBuffers[2];
      DataType[] types = {DataType.FLOAT, DataType.DOUBLE};
      for (int k = 0; k < 2; k++) {
        layers[k] = new RecurrentLayer(params(cell, types[k], values), cell, "l", IN, H, false);
        buffers[k] = layers[k].newStepBuffers(batch);
        h[k] = rand(12, batch, H).castTo(types[k]);
        c[k] = cell.hasCellState() ? rand(13, batch, H).castTo(types[k]) : null;
      }
      for (int t = 0; t < 4; t++) {
        INDArray x = rand(20 + t, batch, IN);
        for (int k = 0; k < 2; k++) {
          layers[k].step(buffers[k], new MatrixRef[] {MatrixRef.of(x.castTo(types[k]))}, h[k],
              c[k]);
        }
        double diff = relDiff(h[0], h[1]);
        if (c[0] != null) {
          diff = Math.max(diff, relDiff(c[0], c[1]));
        }
        assertTrue(diff < 2e-5, cell + " batch " + batch + " step " + t + ": " + diff);
      }
    }
  }
}
