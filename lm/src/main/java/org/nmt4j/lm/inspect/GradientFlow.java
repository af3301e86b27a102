package org.nmt4j.lm.inspect;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.recurrent.CellType;
import org.nmt4j.nn.recurrent.RecurrentLayer;
import org.nmt4j.nn.recurrent.SequenceWorkspace;

/**
 * How far back a gradient reaches through time: for a random layer of a cell, the norm of
 * dL/dh_t at every step t of a long sequence when the loss depends on the last step only.
 *
 * <p>The setting, the same for every cell: one layer, H hidden units, inputs x_t drawn from N(0,
 * 1) of width H, {@code batch} independent sequences, and the loss {@code L = sum_b u_b . h_T}
 * for a random unit vector per row (so dL/dh_T = u). The layer's own backward pass through time
 * ({@link RecurrentLayer#backward}) records dL/dh_t of every step ({@link
 * SequenceWorkspace#recordHiddenGradients}); the result is the root mean square over rows of
 * ||dL/dh_t||. Double precision, so that values far below float's range still show.
 *
 * <p>Initialisations: {@code uniform}: every weight uniform in [-1/sqrt(H), 1/sqrt(H)] (PyTorch's
 * default for its recurrent layers), biases likewise, with the keep gate's bias (LSTM forget gate,
 * GRU update gate) at {@code keepBias}; {@code identity}: the same, with the recurrent weights of
 * the candidate at the identity (IRNN, Le et al. 2015).
 */
public final class GradientFlow {
  private GradientFlow() {}

  /** Initialisation schemes of {@link #norms}. */
  public enum Init {
    UNIFORM, IDENTITY;

    /** Parses {@code uniform} or {@code identity}. */
    public static Init of(String s) {
      return switch (s) {
        case "uniform" -> UNIFORM;
        case "identity" -> IDENTITY;
        default -> throw new IllegalArgumentException(
            "--init must be uniform or identity, got '" + s + "'");
      };
    }
  }

  /**
   * @param cell the cell
   * @param length T, the number of steps
   * @param hidden H
   * @param batch independent sequences averaged over
   * @param keepBias bias of the LSTM's forget gate / GRU's update gate (1 is the usual choice)
   * @param seed weights, inputs and u
   * @return [T]: RMS over rows of ||dL/dh_t||, t = 0 (first step) to T - 1 (the last)
   */
  public static double[] norms(CellType cell, Init init, int length, int hidden, int batch,
      double keepBias, long seed) {
    if (length < 1 || hidden < 1 || batch < 1) {
      throw new IllegalArgumentException("--length must be >= 1");
    }
    Parameters.Builder b = Parameters.builder(DataType.DOUBLE);
    RecurrentLayer.declare(b, cell, "flow", hidden, hidden);
    Parameters p = b.build();
    RecurrentLayer layer = new RecurrentLayer(p, cell, "flow", hidden, hidden, false);
    Random rng = Initialisers.generator(seed);
    double bound = 1 / Math.sqrt(hidden);
    layer.initialise(new InitConfig("uniform", bound, init == Init.IDENTITY, false), rng);
    if (cell.hasCellState() || cell == CellType.GRU) {
      int keep = 1; // the keep gate is gate 1 of both: LSTM (i, f, g, o), GRU (r, z, n)
      p.value("flow.b").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(
          (long) keep * hidden, (long) (keep + 1) * hidden)).assign(keepBias);
    }
    INDArray x = rng.nextGaussian(new long[] {(long) length * batch, hidden}).castTo(DataType.DOUBLE);
    int[] lengths = new int[batch];
    java.util.Arrays.fill(lengths, length);
    Padding pad = Padding.of(lengths, length, DataType.DOUBLE);
    SequenceWorkspace ws = layer.newWorkspace();
    ws.recordHiddenGradients(true);
    MatrixRef[] in = {MatrixRef.of(x)};
    layer.forward(ws, pad, in, null, null);
    INDArray u = rng.nextGaussian(new long[] {batch, hidden}).castTo(DataType.DOUBLE);
    u.diviColumnVector(u.norm2(1).reshape(batch, 1));
    ws.outputGradient().view().assign(0);
    ws.outputGradient(length - 1).assign(u);
    layer.backward(ws, in, true, null, null, null, false, null, null);
    double[] out = new double[length];
    for (int t = 0; t < length; t++) {
      INDArray g = ws.hiddenGradient(t);
      out[t] = g.norm2Number().doubleValue() / Math.sqrt(batch);
    }
    return out;
  }
}
