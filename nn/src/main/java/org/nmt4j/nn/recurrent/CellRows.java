package org.nmt4j.nn.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The row views of one time step (or of one half of its rows) that a {@link RecurrentCell}
 * reads and writes: every array is [rows, H], contiguous. The drivers ({@link RecurrentLayer}
 * over a sequence, or one decoding step) fill it from their buffers; the cell only computes.
 *
 * <p>A decoding step updates its carried state in place: {@code hPrev == hNext} and {@code
 * cPrev == cNext} there, so a cell must read each previous state before writing the new one.
 */
final class CellRows {
  /** Per gate: the preactivation on entry to {@link RecurrentCell#forward}, its activation then. */
  final INDArray[] gates;
  /**
   * Per gate, only for cells with {@link RecurrentCell#separateRecurrent()}: the recurrent part
   * {@code h_{t-1} Wh + bh} of the preactivation, kept apart from {@link #gates}.
   */
  final INDArray[] recurrent;
  /** The cell's own per-step values kept for the backward pass (LSTM: tanh(c_t)). */
  final INDArray[] saved;
  /** Backward: dLoss/d(input-side preactivation) per gate (written by the cell). */
  final INDArray[] dGates;
  /**
   * Backward, separate recurrent part only: dLoss/d(recurrent part) of the gates for which
   * {@link RecurrentCell#ownsRecurrentGradient(int)}; the others equal {@link #dGates}.
   */
  final INDArray[] dRecurrent;
  /** Gates 0 and 1 as one contiguous [2 * rows, H] view when they are adjacent, else null. */
  INDArray firstTwoGates;
  INDArray hPrev;
  INDArray cPrev;
  INDArray hNext;
  INDArray cNext;
  /**
   * Backward: dLoss/dh_t on entry; on return the part of dLoss/dh_{t-1} that does not go
   * through the gates (GRU: dh_t * z), or anything when {@link
   * RecurrentCell#passesHiddenGradient()} is false (the driver then overwrites it with the gate
   * products).
   */
  INDArray dh;
  /** Backward, cells with a cell state: dLoss/dc_t on entry, dLoss/dc_{t-1} on return. */
  INDArray dc;
  /** Scratch of the same shape. */
  INDArray tmp;

  CellRows(RecurrentCell cell) {
    int g = cell.gates();
    gates = new INDArray[g];
    recurrent = new INDArray[cell.separateRecurrent() ? g : 0];
    saved = new INDArray[cell.savedBlocks()];
    dGates = new INDArray[g];
    dRecurrent = new INDArray[cell.separateRecurrent() ? g : 0];
  }
}
