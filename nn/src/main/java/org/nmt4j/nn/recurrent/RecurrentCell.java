package org.nmt4j.nn.recurrent;

/**
 * The equations of one recurrent cell, and nothing else: how many gate blocks it has, one
 * forward step and one backward step for a block of rows, and the shape of its state. Memory
 * layout ({@link SequenceWorkspace}, {@link StepBuffers}), the loop over time with padding, the
 * products with the weights and the parameter gradients ({@link RecurrentLayer}) are shared by
 * every cell.
 *
 * <p>The driver computes, per step, the preactivations of all G gates from the input projection
 * {@code x_t Wx + b} and the recurrent product {@code h_{t-1} Wh} (one product each for all
 * gates, gates as column blocks of the weights), and hands the cell each gate as a contiguous
 * [rows, H] block. A cell with {@link #separateRecurrent()} gets the recurrent part {@code
 * h_{t-1} Wh + bh} apart (the GRU needs it to apply its reset gate); otherwise it is already
 * added in.
 *
 * <p>Adding a cell: subclass this in this package, write {@link #forward} and {@link #backward}
 * from the textbook equations with in-place {@link org.nmt4j.nn.ops.ArrayOps} operations on the
 * given rows, add it to {@link CellType}, and add a naive reference and a gradient check to the
 * tests.
 */
abstract class RecurrentCell {
  /** Number of gate blocks G: the weights are Wx [in, G*H], Wh [H, G*H], b [G*H]. */
  abstract int gates();

  /** Whether the state has a cell part c besides h (LSTM). */
  abstract boolean hasCellState();

  /**
   * Whether the recurrent product is kept apart from the input preactivations, with its own
   * bias {@code bh} [G*H] (GRU). Otherwise the driver adds it into the gates.
   */
  boolean separateRecurrent() {
    return false;
  }

  /** Number of extra per-step [rows, H] blocks the cell keeps for its backward pass. */
  int savedBlocks() {
    return 0;
  }

  /** The gate whose recurrent block starts at the identity under IRNN initialisation. */
  abstract int candidateGate();

  /**
   * The gate whose bias starts at 1.0 under the forget-gate-bias initialisation (the one that
   * keeps the previous state), or -1 for none.
   */
  int keepGate() {
    return -1;
  }

  /**
   * One step forward: activates the gates in place and writes {@code hNext} (and {@code cNext}).
   */
  abstract void forward(CellRows s);

  /**
   * One step backward from the activations kept by {@link #forward}: writes {@code dGates} (and
   * the owned {@code dRecurrent}), replaces {@code dc} by dLoss/dc_{t-1} and, when {@link
   * #passesHiddenGradient()}, {@code dh} by the part of dLoss/dh_{t-1} outside the gates.
   */
  abstract void backward(CellRows s);

  /** Whether {@link #backward} leaves a direct part of dLoss/dh_{t-1} in {@code dh} (GRU). */
  boolean passesHiddenGradient() {
    return false;
  }

  /**
   * Whether dLoss/d(recurrent part) of gate k differs from dLoss/d(input part) (only with
   * {@link #separateRecurrent()}).
   */
  boolean ownsRecurrentGradient(int k) {
    return false;
  }
}
