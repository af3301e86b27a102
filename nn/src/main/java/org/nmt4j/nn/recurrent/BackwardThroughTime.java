package org.nmt4j.nn.recurrent;

import static org.nmt4j.nn.ops.ArrayOps.addi;
import static org.nmt4j.nn.ops.ArrayOps.copy;
import static org.nmt4j.nn.ops.ArrayOps.mulColumn;
import static org.nmt4j.nn.ops.ArrayOps.sub;
import static org.nmt4j.nn.ops.ArrayOps.zero;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.ops.BlockSeries;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.MatrixRef;

/**
 * The backward pass of a {@link RecurrentLayer} through time, for any cell: per step (last to
 * first) the padding masks, the cell's backward step and dLoss/dh_{t-1} as one product per gate;
 * then every parameter gradient as products over all steps at once, and the input gradients.
 * Reads the activations the forward pass left in the {@link SequenceWorkspace}.
 */
final class BackwardThroughTime {
  private final RecurrentLayer layer;
  private final RecurrentCell cell;

  BackwardThroughTime(RecurrentLayer layer) {
    this.layer = layer;
    this.cell = layer.cell;
  }

  /**
   * The first half of {@link RecurrentLayer#backward}: gradients of the gates at every step, of
   * h0 and c0, and of the layer's parameters (overwritten). Writes only the layer's workspace
   * and parameter gradients, so the two directions of a bidirectional layer may run it at the
   * same time.
   */
  void backwardThroughTime(SequenceWorkspace ws, MatrixRef[] inputs,
      boolean useOutputGradient, INDArray dhT, INDArray dcT, INDArray dh0, INDArray dc0) {
    Padding pad = ws.padding;
    if (pad == null) {
      throw new IllegalStateException("backward before forward");
    }
    final int time = pad.time();
    final int batch = pad.batch();
    final int h = layer.hiddenSize;
    final int gw = layer.gateWidth;
    final int g = cell.gates();
    final int rows = time * batch;
    final boolean hasC = ws.cs != null;
    layer.checkInputs(inputs, rows);
    ws.ensureBackward();

    // dh = dGates Wh^T at every step, gate by gate (usually from a transposed copy of Wh)
    TransposedWeightBlocks whT = ws.transposedBlocks(layer.wh, 0, h, h);
    INDArray dh = ws.dh.block(0);
    RecurrentLayer.initial(dhT, dh);
    if (hasC) {
      RecurrentLayer.initial(dcT, ws.dc.block(0));
    }
    for (int s = time - 1; s >= 0; s--) {
      int t = layer.reversed ? time - 1 - s : s;
      int prev = layer.reversed ? t + 1 : t;
      int r = pad.span(t);
      if (r == 0) {
        zeroGateGradients(ws, t, -1);
        continue;
      }
      INDArray dhA = ws.dh.head(0, r);
      INDArray dcA = hasC ? ws.dc.head(0, r) : null;
      INDArray tmp = ws.tmp.head(0, r);
      boolean general = !pad.prefix(t);
      INDArray keepH = null;
      INDArray keepC = null;
      if (general) {
        // Padded rows inside [0, r) pass their gradient straight to the previous state.
        INDArray m = pad.mask(t);
        keepH = ws.keepH.head(0, r);
        split(dhA, m, keepH);
        if (hasC) {
          keepC = ws.keepC.head(0, r);
          split(dcA, m, keepC);
        }
        if (useOutputGradient) {
          mulColumn(ws.dOut.head(t, r), m, tmp);
          addi(dhA, tmp);
        }
      } else if (useOutputGradient) {
        addi(dhA, ws.dOut.head(t, r));
      }
      if (ws.recordsHiddenGradients()) {
        // dLoss/dh_t of the real rows (a padded row's own part is in keepH)
        copy(dhA, ws.hiddenGradients.head(t, r));
      }
      cell.backward(ws.backwardRows(t, prev, r));
      // dh_prev = (the cell's direct part) + sum_k dRecurrent_k Wh_k^T
      boolean direct = cell.passesHiddenGradient();
      for (int k = 0; k < g; k++) {
        BlockSeries d = recurrentGradient(ws, k);
        Gemm.gemm(false, whT.transposed(), r, h, h, 1, d.buffer(), d.offset(t), h,
            whT.array(), whT.offset(k), whT.ld(), k == 0 && !direct ? 0 : 1, ws.dh.buffer(),
            ws.dh.offset(0), h);
      }
      if (general) {
        addi(dhA, keepH);
        if (hasC) {
          addi(dcA, keepC);
        }
      }
      if (r < batch) {
        zeroGateGradients(ws, t, r);
      }
    }
    if (dh0 != null) {
      copy(dh, dh0);
    }
    if (dc0 != null && hasC) {
      copy(ws.dc.block(0), dc0);
    }

    // Parameter gradients over all steps at once.
    long hPrevOffset = ws.hs.offset(layer.reversed ? 1 : 0);
    for (int k = 0; k < g; k++) {
      BlockSeries d = ws.dGates[k];
      BlockSeries dr = recurrentGradient(ws, k);
      Gemm.gemm(true, false, h, h, rows, 1, ws.hs.buffer(), hPrevOffset, h,
          dr.buffer(), dr.offset(0), h, 0, layer.gradWh, (long) k * h, gw);
      Gemm.gemm(false, false, 1, h, rows, 1, ws.ones, 0, rows,
          d.buffer(), d.offset(0), h, 0, layer.gradB, (long) k * h, gw);
      if (layer.gradBh != null) {
        Gemm.gemm(false, false, 1, h, rows, 1, ws.ones, 0, rows,
            dr.buffer(), dr.offset(0), h, 0, layer.gradBh, (long) k * h, gw);
      }
      int row0 = 0;
      for (MatrixRef x : inputs) {
        Gemm.gemm(true, false, x.cols(), h, rows, 1, x.array(), x.offset(), x.ld(),
            d.buffer(), d.offset(0), h, 0, layer.gradWx, (long) row0 * gw + (long) k * h, gw);
        row0 += x.cols();
      }
    }
  }

  /** keep = d * (1 - m), d = d * m. */
  private static void split(INDArray d, INDArray m, INDArray keep) {
    copy(d, keep);
    mulColumn(d, m, d);
    sub(keep, d, keep);
  }

  /** dLoss/d(recurrent part) of gate k at every step: its own series or the gate's. */
  private BlockSeries recurrentGradient(SequenceWorkspace ws, int k) {
    return cell.separateRecurrent() && cell.ownsRecurrentGradient(k) ? ws.dRecurrent[k]
        : ws.dGates[k];
  }

  /** Zeroes the gate gradients of step t: all rows (r = -1) or rows [r, batch). */
  private void zeroGateGradients(SequenceWorkspace ws, int t, int r) {
    for (int k = 0; k < cell.gates(); k++) {
      zero(r < 0 ? ws.dGates[k].block(t) : ws.dGates[k].tail(t, r));
      if (cell.separateRecurrent() && cell.ownsRecurrentGradient(k)) {
        zero(r < 0 ? ws.dRecurrent[k].block(t) : ws.dRecurrent[k].tail(t, r));
      }
    }
  }

  /**
   * The second half of {@link RecurrentLayer#backward}: gradients of the inputs from the gate
   * gradients of the last {@link #backwardThroughTime}.
   *
   * @param dInputs where to write them, split like {@code inputs}; null entries are skipped
   * @param accumulate add to {@code dInputs} instead of overwriting them
   */
  void inputGradients(SequenceWorkspace ws, MatrixRef[] inputs, MatrixRef[] dInputs,
      boolean accumulate) {
    if (dInputs == null) {
      return;
    }
    final int h = layer.hiddenSize;
    final int rows = ws.padding.time() * ws.padding.batch();
    int row0 = 0;
    for (int p = 0; p < inputs.length; p++) {
      MatrixRef dx = dInputs[p];
      int w = inputs[p].cols();
      if (dx != null) {
        if (dx.rows() != rows || dx.cols() != w) {
          throw new IllegalArgumentException("input gradient " + p + " is [" + dx.rows() + ", "
              + dx.cols() + "], expected [" + rows + ", " + w + "]");
        }
        // dx = dGates Wx^T, gate by gate, over this input's rows of Wx
        TransposedWeightBlocks wxT = ws.transposedBlocks(layer.wx, row0, w, h);
        for (int k = 0; k < cell.gates(); k++) {
          BlockSeries d = ws.dGates[k];
          Gemm.gemm(false, wxT.transposed(), rows, w, h, 1, d.buffer(), d.offset(0), h,
              wxT.array(), wxT.offset(k), wxT.ld(),
              (k == 0 && !accumulate) ? 0 : 1, dx.array(), dx.offset(), dx.ld());
        }
      }
      row0 += w;
    }
  }
}
