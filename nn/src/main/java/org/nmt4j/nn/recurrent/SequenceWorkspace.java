package org.nmt4j.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.ops.ArrayOps;
import org.nmt4j.nn.ops.BlockSeries;
import org.nmt4j.nn.ops.Halves;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.NativeRelease;
import org.nmt4j.nn.quant.Bf16Weights;

/**
 * The buffers of a {@link RecurrentLayer#forward}/{@link RecurrentLayer#backward} pair, laid out
 * for any {@link RecurrentCell}: per step, each gate as a contiguous [batch, H] block
 * (gate-major), the cell's recurrent parts and saved blocks, the states h (and c) of every step
 * and the outputs, and their gradients. Sized for the largest (time, batch) seen so far and
 * reused; a larger shape grows them to exactly its size and frees the outgrown buffers at once,
 * so views from before a growth must not be kept. The input projections of a forward run and
 * the gate gradients of a backward run share one buffer: a forward run overwrites the gate
 * gradients of the backward run before it. One workspace serves one thread at a time.
 */
public final class SequenceWorkspace {
  private final DataType dataType;
  private final RecurrentCell cell;
  private final int hidden;
  private int timeCapacity;
  private int batch;
  private INDArray forwardBuffer;
  private INDArray backwardBuffer;
  /**
   * The input projections of all steps ({@link #projected}) during a forward run, the gate
   * gradients of all steps ({@link #dGates}) during a backward run: the projections are dead once
   * the forward recurrence has read them and the gate gradients are written only after it, so
   * one buffer serves both (training holds G blocks per step less per layer).
   */
  private INDArray gateBuffer;
  INDArray ones;
  private boolean backwardReady;
  int forwardTime;
  Padding padding;
  boolean reversedFinal;

  BlockSeries[] gates;
  BlockSeries[] recurrent;
  BlockSeries[] saved;
  /**
   * All steps' input projections, [time * batch, G*H], gates side by side; shares its memory with
   * {@link #dGates} (see {@link #gateBuffer}).
   */
  INDArray projected;
  /** One step's preactivations [batch, G*H], gates side by side. */
  INDArray stepGates;
  /** One step's recurrent parts [batch, G*H] (separate-recurrent cells only). */
  INDArray stepRecurrent;
  int[] identity = new int[0];
  BlockSeries hs;
  BlockSeries cs;
  BlockSeries out;
  BlockSeries tmp;
  BlockSeries[] dGates;
  BlockSeries[] dRecurrent;
  BlockSeries dOut;
  BlockSeries dh;
  BlockSeries dc;
  BlockSeries keepH;
  BlockSeries keepC;
  /**
   * Transposed weights for the products of a backward pass: Wh^T [G*H, H] during
   * backpropagation through time, then one input's block of Wx^T [G*H, in] at a time for the
   * input gradients (see {@link #transposedBlocks}). Sized for the largest block.
   */
  private INDArray transposeBuffer;
  /** Whether a backward pass made a transposed copy of any weights here (for tests). */
  private boolean copiedAny;
  /** Whether backward passes record dLoss/dh_t of every step ({@link #recordHiddenGradients}). */
  private boolean recordHidden;
  /** dLoss/dh_t per step t, when recording. */
  BlockSeries hiddenGradients;
  /** The step the cell computes: time, state slots and real rows (read by {@link #cellWork}). */
  int cellT;
  int cellPrev;
  int cellNext;
  int cellRows;
  /** Row views handed to the cell: all rows, or the two halves. */
  final CellRows[] rows = new CellRows[2];
  /** The forward cell of step {@link #cellT} for one half of its rows (no allocation per step). */
  final Halves.Work cellWork;

  SequenceWorkspace(DataType dataType, RecurrentCell cell, int hidden) {
    this.dataType = dataType;
    this.cell = cell;
    this.hidden = hidden;
    rows[0] = new CellRows(cell);
    rows[1] = new CellRows(cell);
    cellWork = half -> cell.forward(forwardRows(half < 0 ? 0 : half, half));
  }

  /** Fills the row views of step {@link #cellT} for a forward run: all rows (-1) or one half. */
  CellRows forwardRows(int slot, int half) {
    CellRows s = rows[slot];
    int t = cellT;
    int r = cellRows;
    for (int k = 0; k < gates.length; k++) {
      s.gates[k] = RecurrentLayer.rows(gates[k], t, r, half);
    }
    for (int k = 0; k < s.recurrent.length; k++) {
      s.recurrent[k] = RecurrentLayer.rows(recurrent[k], t, r, half);
    }
    for (int k = 0; k < s.saved.length; k++) {
      s.saved[k] = RecurrentLayer.rows(saved[k], t, r, half);
    }
    s.firstTwoGates = null;
    s.hPrev = RecurrentLayer.rows(hs, cellPrev, r, half);
    s.hNext = RecurrentLayer.rows(hs, cellNext, r, half);
    if (cs != null) {
      s.cPrev = RecurrentLayer.rows(cs, cellPrev, r, half);
      s.cNext = RecurrentLayer.rows(cs, cellNext, r, half);
    }
    s.tmp = RecurrentLayer.rows(tmp, 0, r, half);
    return s;
  }

  /** Fills the row views of step t with r real rows for the backward pass. */
  CellRows backwardRows(int t, int prev, int r) {
    CellRows s = rows[0];
    for (int k = 0; k < gates.length; k++) {
      s.gates[k] = gates[k].head(t, r);
      s.dGates[k] = dGates[k].head(t, r);
    }
    for (int k = 0; k < s.recurrent.length; k++) {
      s.recurrent[k] = recurrent[k].head(t, r);
      s.dRecurrent[k] = dRecurrent[k].head(t, r);
    }
    for (int k = 0; k < s.saved.length; k++) {
      s.saved[k] = saved[k].head(t, r);
    }
    s.hPrev = hs.head(prev, r);
    s.cPrev = cs == null ? null : cs.head(prev, r);
    s.dh = dh.head(0, r);
    s.dc = dc == null ? null : dc.head(0, r);
    s.tmp = tmp.head(0, r);
    return s;
  }

  void ensure(int time, int batch) {
    if (forwardBuffer != null && time <= timeCapacity && batch == this.batch) {
      return;
    }
    // Grow to exactly the new length and free the outgrown buffers at once (NativeRelease):
    // training's shuffled batches set a new longest batch only a few times per epoch and
    // decoding takes the widest batch first, so slack would only add resident memory.
    int cap = Math.max(time, timeCapacity);
    int g = cell.gates();
    int rec = cell.separateRecurrent() ? g : 0;
    int sv = cell.savedBlocks();
    boolean hasC = cell.hasCellState();
    long block = (long) batch * hidden;
    // per step: gates, recurrent parts, saved blocks, output; states: cap + 1 slots of h (and
    // c); one step's gates and recurrent parts; tmp. The projected inputs (G blocks per step)
    // are in the gate buffer.
    long forwardNeed = block * ((long) (g + rec + sv + 1) * cap + (hasC ? 2L : 1L) * (cap + 1)
        + g + rec + 1);
    if (forwardBuffer == null || forwardBuffer.length() < forwardNeed) {
      INDArray outgrown = forwardBuffer;
      forwardBuffer = null;
      NativeRelease.free(outgrown);
      forwardBuffer = Nd4j.create(dataType, forwardNeed);
    }
    long gateNeed = g * block * cap;
    if (gateBuffer == null || gateBuffer.length() < gateNeed) {
      INDArray outgrown = gateBuffer;
      gateBuffer = null;
      NativeRelease.free(outgrown);
      gateBuffer = Nd4j.create(dataType, gateNeed);
    }
    long onesNeed = (long) cap * batch;
    if (ones == null || ones.length() < onesNeed) {
      INDArray outgrown = ones;
      ones = null;
      NativeRelease.free(outgrown);
      ones = Nd4j.ones(dataType, onesNeed);
    }
    this.timeCapacity = cap;
    this.batch = batch;
    long[] off = {0};
    gates = series(forwardBuffer, off, g, cap, batch);
    recurrent = series(forwardBuffer, off, rec, cap, batch);
    hs = series(forwardBuffer, off, 1, cap + 1, batch)[0];
    cs = hasC ? series(forwardBuffer, off, 1, cap + 1, batch)[0] : null;
    saved = series(forwardBuffer, off, sv, cap, batch);
    out = series(forwardBuffer, off, 1, cap, batch)[0];
    tmp = series(forwardBuffer, off, 1, 1, batch)[0];
    projected = gateBuffer.get(NDArrayIndex.interval(0, gateNeed));
    stepGates = forwardBuffer.get(NDArrayIndex.interval(off[0], off[0] + g * block));
    off[0] += g * block;
    stepRecurrent = rec == 0 ? null
        : forwardBuffer.get(NDArrayIndex.interval(off[0], off[0] + rec * block));
    if (identity.length < batch) {
      identity = new int[batch];
      for (int r = 0; r < batch; r++) {
        identity[r] = r;
      }
    }
    backwardReady = false;
  }

  /** {@code n} series of {@code count} [batch, H] blocks each, from offset {@code off[0]} on. */
  private BlockSeries[] series(INDArray buffer, long[] off, int n, int count, int batch) {
    BlockSeries[] s = new BlockSeries[n];
    long block = (long) batch * hidden;
    for (int k = 0; k < n; k++) {
      s[k] = new BlockSeries(buffer, off[0], count, batch, hidden);
      off[0] += block * count;
    }
    return s;
  }

  void ensureBackward() {
    if (backwardReady) {
      return;
    }
    int cap = timeCapacity;
    int g = cell.gates();
    int rec = cell.separateRecurrent() ? g : 0;
    boolean hasC = cell.hasCellState();
    long block = (long) batch * hidden;
    // dRecurrent and dOut per step; dh, keepH (and dc, keepC) once; recorded dh per step (dGates
    // are in the gate buffer, sized by ensure)
    int recorded = recordHidden ? cap : 0;
    long need = block * ((long) (rec + 1) * cap + (hasC ? 4 : 2) + recorded);
    if (backwardBuffer == null || backwardBuffer.length() < need) {
      INDArray outgrown = backwardBuffer;
      backwardBuffer = null;
      NativeRelease.free(outgrown);
      backwardBuffer = Nd4j.create(dataType, need);
    }
    dGates = series(gateBuffer, new long[] {0}, g, cap, batch);
    long[] off = {0};
    dRecurrent = series(backwardBuffer, off, rec, cap, batch);
    dOut = series(backwardBuffer, off, 1, cap, batch)[0];
    dh = series(backwardBuffer, off, 1, 1, batch)[0];
    keepH = series(backwardBuffer, off, 1, 1, batch)[0];
    dc = hasC ? series(backwardBuffer, off, 1, 1, batch)[0] : null;
    keepC = hasC ? series(backwardBuffer, off, 1, 1, batch)[0] : null;
    hiddenGradients = recordHidden ? series(backwardBuffer, off, 1, cap, batch)[0] : null;
    backwardReady = true;
  }

  /**
   * How the products of a backward pass read the gate blocks of W^T for rows {@code [first,
   * first + count)} of a layer's weights W [in, G*H] with gates of {@code hidden} columns: from a
   * transposed copy in this workspace's buffer, made now (valid until the next call), because
   * float sgemm runs {@code dGates W^T} faster from the copy than with W as a transposed operand
   * ({@link ArrayOps#transpose}); or from W itself where W has a bf16 form (bf16 training),
   * which keeps its own transposed layout that the products must reach through W. Copied per
   * backward pass because the weights change between passes; a workspace is used by one thread
   * at a time. Backpropagation through time reads Wh's blocks (all rows), then the input
   * gradients each input's rows of Wx, one after the other.
   */
  TransposedWeightBlocks transposedBlocks(INDArray weights, int first, int count, int hidden) {
    int cols = (int) weights.size(1);
    if (Bf16Weights.of(weights) != null) {
      return new TransposedWeightBlocks(weights, (long) first * cols, hidden, cols, true);
    }
    long need = (long) cols * count;
    if (transposeBuffer == null || transposeBuffer.length() < need) {
      INDArray outgrown = transposeBuffer;
      transposeBuffer = null;
      NativeRelease.free(outgrown);
      transposeBuffer = Nd4j.create(weights.dataType(), need);
    }
    INDArray source = new MatrixRef(weights, (long) first * cols, count, cols, cols).view();
    INDArray copy = new MatrixRef(transposeBuffer, 0, cols, count, count).view();
    ArrayOps.transpose(source, copy);
    copiedAny = true;
    return new TransposedWeightBlocks(copy, 0, (long) hidden * count, count, false);
  }

  /** Whether a backward pass made a transposed copy of weights here (for tests). */
  boolean holdsTransposedCopy() {
    return copiedAny;
  }

  /** The outputs of the last forward run: [time * batch, H], time-major, zero where padded. */
  public MatrixRef output() {
    return new MatrixRef(out.buffer(), out.offset(0), forwardTime * batch, hidden, hidden);
  }

  /** Output rows of step t: [batch, H] (a cached view). */
  public INDArray output(int t) {
    return out.block(t);
  }

  /** The final hidden state [batch, H] of the last forward run (after each row's last token). */
  public INDArray finalH() {
    return hs.block(finalSlot());
  }

  /** The final cell state [batch, H] of the last forward run, or null when the cell has none. */
  public INDArray finalC() {
    return cs == null ? null : cs.block(finalSlot());
  }

  private int finalSlot() {
    if (padding == null) {
      throw new IllegalStateException("no forward run yet");
    }
    return reversedFinal ? 0 : forwardTime;
  }

  /**
   * Where the consumer writes dLoss/dOutput before {@link RecurrentLayer#backward} with {@code
   * useOutputGradient}: [time * batch, H], time-major; rows at padded positions are ignored.
   */
  public MatrixRef outputGradient() {
    ensureBackward();
    return new MatrixRef(dOut.buffer(), dOut.offset(0), forwardTime * batch, hidden, hidden);
  }

  /** Rows of step t of {@link #outputGradient()}: [batch, H] (a cached view). */
  public INDArray outputGradient(int t) {
    ensureBackward();
    return dOut.block(t);
  }

  /**
   * The hidden state h_t after step t of the last forward run (t in [0, time)): [batch, H], a
   * read-only view into the workspace (valid until the next run). For a reversed layer step t is
   * the (time - 1 - t)-th step computed, so h_t is still the state after position t. Used to
   * look at what the cells compute (inspection views); rows at padded positions hold the carried
   * state.
   */
  public INDArray hiddenState(int t) {
    checkStep(t);
    return hs.block(reversedFinal ? t : t + 1);
  }

  /**
   * The cell state c_t after step t of the last forward run: [batch, H], a read-only view, or
   * null when the cell has none (see {@link #hiddenState}).
   */
  public INDArray cellState(int t) {
    checkStep(t);
    return cs == null ? null : cs.block(reversedFinal ? t : t + 1);
  }

  private void checkStep(int t) {
    if (padding == null) {
      throw new IllegalStateException("no forward run yet");
    }
    if (t < 0 || t >= forwardTime) {
      throw new IndexOutOfBoundsException("step " + t + " outside [0, " + forwardTime + ")");
    }
  }

  /**
   * Makes the following backward passes record dLoss/dh_t of every step t (the total gradient
   * reaching h_t: through the output at t and through the later steps), read with {@link
   * #hiddenGradient}. Off by default (it costs one [batch, H] copy per step and the memory of
   * all steps).
   */
  public void recordHiddenGradients(boolean on) {
    if (on != recordHidden) {
      recordHidden = on;
      backwardReady = false;
    }
  }

  /**
   * dLoss/dh_t of step t recorded by the last backward pass (see {@link
   * #recordHiddenGradients}): [batch, H], a read-only view. Rows padded at step t are undefined.
   */
  public INDArray hiddenGradient(int t) {
    if (hiddenGradients == null) {
      throw new IllegalStateException("hidden gradients are not recorded");
    }
    checkStep(t);
    return hiddenGradients.block(t);
  }

  /** Whether backward passes record per-step hidden gradients. */
  boolean recordsHiddenGradients() {
    return recordHidden && hiddenGradients != null;
  }

  /** Time steps the buffers hold now (the longest run so far); for tests. */
  int timeCapacity() {
    return timeCapacity;
  }

  /** The forward buffer of the runs so far (replaced when the workspace grows); for tests. */
  INDArray forwardBuffer() {
    return forwardBuffer;
  }

  /** Batch size of the last forward run. */
  public int batch() {
    return batch;
  }

  /** Padded time of the last forward run. */
  public int time() {
    return forwardTime;
  }
}
