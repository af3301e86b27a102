package org.nmt4j.nn.recurrent;

import static org.nmt4j.nn.ops.ArrayOps.add;
import static org.nmt4j.nn.ops.ArrayOps.addi;
import static org.nmt4j.nn.ops.ArrayOps.copy;
import static org.nmt4j.nn.ops.ArrayOps.mulColumn;
import static org.nmt4j.nn.ops.ArrayOps.sub;
import static org.nmt4j.nn.ops.ArrayOps.zero;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.nn.ElementwiseThreads;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.BlockSeries;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.Halves;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * One direction of a recurrent layer of any {@link CellType} over a padded, time-major batch:
 * the sequence driver (forward and backward through time) and the single decoding step. The
 * cell's equations are in its {@link RecurrentCell}; memory is laid out by {@link
 * SequenceWorkspace} and {@link StepBuffers}.
 *
 * <p>Parameters (declared with {@link #declare}), G the cell's gate count: {@code NAME.Wx}
 * [input, G*H], {@code NAME.Wh} [H, G*H], {@code NAME.b} [G*H], and for cells that keep the
 * recurrent product apart (GRU) {@code NAME.bh} [G*H].
 *
 * <p>Padding: at a padded position the state is carried over unchanged and the output is zero,
 * so a row's final state is the state after its true last token. A reversed layer runs from the
 * last step to the first; since padded steps leave the initial state untouched, each row
 * effectively starts at its own last real token.
 *
 * <p>Speed: the input projection of all steps is one product per input part; each step then
 * adds its recurrent product (one product for all gates) to that step's preactivations, moves
 * each gate to a contiguous block (elementwise ops on strided views are slow) and runs the cell
 * on them in place. Only the rows that are real at a step are computed (see {@link Padding});
 * all buffers live in a {@link SequenceWorkspace} reused across calls. Parameter gradients are
 * products over all steps at once after the backward loop. The cell of a step runs in two
 * halves of the rows side by side ({@link Halves}) when the step is large enough.
 *
 * <p>The layer object only reads its parameters; everything mutable is in a workspace or {@link
 * StepBuffers}, so several threads may run the same layer with their own buffers.
 */
public final class RecurrentLayer {
  /** Up to this many rows the bias is copied row by row rather than set by a rank-1 product. */
  private static final int COPIED_BIAS_ROWS = 8;

  private final CellType type;
  final RecurrentCell cell;
  private final String name;
  private final int inputSize;
  final int hiddenSize;
  final int gateWidth;
  final boolean reversed;
  final INDArray wx;
  final INDArray wh;
  private final INDArray b;
  private final INDArray bh;
  final INDArray gradWx;
  final INDArray gradWh;
  final INDArray gradB;
  final INDArray gradBh;
  private final BackwardThroughTime backwardPass;

  /**
   * Declares {@code NAME.Wx} [input, G*H], {@code NAME.Wh} [H, G*H], {@code NAME.b} [G*H] (and
   * {@code NAME.bh} [G*H] for a GRU).
   */
  public static void declare(Parameters.Builder builder, CellType type, String name,
      int inputSize, int hiddenSize) {
    long g = (long) type.gates() * hiddenSize;
    builder.add(name + ".Wx", inputSize, g);
    builder.add(name + ".Wh", hiddenSize, g);
    builder.add(name + ".b", g);
    if (type.cell().separateRecurrent()) {
      builder.add(name + ".bh", g);
    }
  }

  /**
   * Binds a layer to its declared parameters.
   *
   * @param reversed run from the last step to the first
   */
  public RecurrentLayer(Parameters params, CellType type, String name, int inputSize,
      int hiddenSize, boolean reversed) {
    ElementwiseThreads.apply();
    this.type = type;
    this.cell = type.cell();
    this.name = name;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.gateWidth = cell.gates() * hiddenSize;
    this.reversed = reversed;
    this.wx = checked(params, name + ".Wx", inputSize, gateWidth);
    this.wh = checked(params, name + ".Wh", hiddenSize, gateWidth);
    this.b = checked(params, name + ".b", gateWidth);
    this.gradWx = params.gradient(name + ".Wx");
    this.gradWh = params.gradient(name + ".Wh");
    this.gradB = params.gradient(name + ".b");
    if (cell.separateRecurrent()) {
      this.bh = checked(params, name + ".bh", gateWidth);
      this.gradBh = params.gradient(name + ".bh");
    } else {
      this.bh = null;
      this.gradBh = null;
    }
    this.backwardPass = new BackwardThroughTime(this);
  }

  private static INDArray checked(Parameters params, String name, long... shape) {
    return params.checkedValue(name, shape);
  }

  /** The cell. */
  public CellType cellType() {
    return type;
  }

  /** The live input weights Wx [input, G*H] (read by {@link InputProjection}). */
  public INDArray inputWeights() {
    return wx;
  }

  /** The live bias b [G*H]. */
  INDArray bias() {
    return b;
  }

  /** Parameter name prefix. */
  public String name() {
    return name;
  }

  /** Input width. */
  public int inputSize() {
    return inputSize;
  }

  /** Hidden (and output) width H. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** G*H: the width of the preactivations, gates side by side. */
  public int gateWidth() {
    return gateWidth;
  }

  /** Whether this layer runs from the last step to the first. */
  public boolean reversed() {
    return reversed;
  }

  /**
   * Initialises the weights: per-gate weight blocks by the scheme, biases by the scheme, then
   * optionally the identity for the recurrent block of the candidate (IRNN) and 1.0 biases for
   * the gate that keeps the previous state (the LSTM's forget gate, the GRU's update gate).
   */
  public void initialise(InitConfig init, Random rng) {
    int h = hiddenSize;
    for (int k = 0; k < cell.gates(); k++) {
      Initialisers.weights(wx.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)),
          init, inputSize, h, rng);
      Initialisers.weights(wh.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)),
          init, h, h, rng);
    }
    Initialisers.bias(b, init, rng);
    if (bh != null) {
      Initialisers.bias(bh, init, rng);
    }
    if (init.identityRecurrent()) {
      int k = cell.candidateGate();
      wh.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h))
          .assign(Nd4j.eye(h).castTo(wh.dataType()));
    }
    int keep = cell.keepGate();
    if (init.forgetGateBias() && keep >= 0) {
      b.get(NDArrayIndex.interval(keep * h, (keep + 1) * h)).assign(1.0);
    }
  }

  /** Sets this layer's parameter gradients to zero (when it took no part in a batch). */
  public void zeroGradients() {
    gradWx.assign(0);
    gradWh.assign(0);
    gradB.assign(0);
    if (gradBh != null) {
      gradBh.assign(0);
    }
  }

  /** Fresh buffers for {@link #forward}/{@link #backward} (they grow on demand). */
  public SequenceWorkspace newWorkspace() {
    return new SequenceWorkspace(wx.dataType(), cell, hiddenSize);
  }

  /** Fresh buffers for {@link #step} with batches of up to {@code capacity} rows. */
  public StepBuffers newStepBuffers(int capacity) {
    return new StepBuffers(wx.dataType(), cell, hiddenSize, capacity);
  }

  /**
   * Runs the layer over a padded batch; results stay in {@code ws} ({@link
   * SequenceWorkspace#output()}, {@link SequenceWorkspace#finalH()}, {@link
   * SequenceWorkspace#finalC()}).
   *
   * @param inputs the input split by columns: part p is [time * batch, width_p], time-major
   *     (row t * batch + b), the widths summing to the input size. Splitting lets a layer read
   *     the two directions of a bidirectional layer below without concatenating them.
   * @param h0 [batch, H] initial hidden state, or null for zeros
   * @param c0 [batch, H] initial cell state, or null for zeros (ignored without a cell state)
   */
  public void forward(SequenceWorkspace ws, Padding pad, MatrixRef[] inputs, INDArray h0,
      INDArray c0) {
    final int rows = pad.time() * pad.batch();
    checkInputs(inputs, rows);
    prepare(ws, pad);
    // Input projection and bias for all steps, the gates side by side ([rows, G*H]): one
    // product per input part.
    projectInputs(rows, ws.ones, inputs, ws.projected);
    recur(ws, pad, h0, c0);
  }

  /**
   * {@link #forward(SequenceWorkspace, Padding, MatrixRef[], INDArray, INDArray)} for a layer fed
   * by an embedding, with the input projection (and bias) of every position gathered from a
   * precomputed table instead of computed: the same result up to rounding, without the input
   * product. {@link #backward} still needs the embedded inputs themselves.
   *
   * @param inputs this layer's table (built for this layer and the embedding feeding it)
   * @param ids [time * batch] (at least) the input token of each position, time-major (row t *
   *     batch + b); padded positions may hold any valid id
   */
  public void forward(SequenceWorkspace ws, Padding pad, InputProjection inputs, int[] ids,
      INDArray h0, INDArray c0) {
    checkTable(inputs);
    prepare(ws, pad);
    inputs.gather(ids, pad.time() * pad.batch(), ws.projected, 0);
    recur(ws, pad, h0, c0);
  }

  private void prepare(SequenceWorkspace ws, Padding pad) {
    ws.ensure(pad.time(), pad.batch());
    ws.forwardTime = pad.time();
    ws.padding = pad;
    ws.reversedFinal = reversed;
  }

  /** The recurrence over all steps, from the input projections in {@code ws.projected}. */
  private void recur(SequenceWorkspace ws, Padding pad, INDArray h0, INDArray c0) {
    final int time = pad.time();
    final int batch = pad.batch();
    final int h = hiddenSize;
    final int gw = gateWidth;
    final int g = cell.gates();
    final boolean separate = cell.separateRecurrent();
    final INDArray xp = ws.projected;
    final BlockSeries hs = ws.hs;
    final BlockSeries cs = ws.cs;

    int start = reversed ? time : 0;
    initial(h0, hs.block(start));
    if (cs != null) {
      initial(c0, cs.block(start));
    }
    for (int s = 0; s < time; s++) {
      int t = reversed ? time - 1 - s : s;
      int prev = reversed ? t + 1 : t;
      int next = reversed ? t : t + 1;
      int r = pad.span(t);
      if (r > 0) {
        // This step's preactivations: its projected rows plus the recurrent product for all
        // gates in one product, then each gate moved to its contiguous block.
        INDArray step = ws.stepGates;
        NativeMemory.copy(xp, (long) t * batch * gw, step, 0, (long) r * gw);
        if (separate) {
          INDArray rec = ws.stepRecurrent;
          Gemm.gemm(false, false, r, gw, 1, 1, ws.ones, 0, 1, bh, 0, gw, 0, rec, 0, gw);
          Gemm.gemm(false, false, r, gw, h, 1, hs.buffer(), hs.offset(prev), h,
              wh, 0, gw, 1, rec, 0, gw);
          for (int k = 0; k < g; k++) {
            BlockSeries dst = ws.recurrent[k];
            NativeMemory.gatherRows(rec, (long) k * h, gw, ws.identity, r, dst.buffer(),
                dst.offset(t), h, h);
          }
        } else {
          Gemm.gemm(false, false, r, gw, h, 1, hs.buffer(), hs.offset(prev), h,
              wh, 0, gw, 1, step, 0, gw);
        }
        for (int k = 0; k < g; k++) {
          BlockSeries dst = ws.gates[k];
          NativeMemory.gatherRows(step, (long) k * h, gw, ws.identity, r, dst.buffer(),
              dst.offset(t), h, h);
        }
        ws.cellT = t;
        ws.cellPrev = prev;
        ws.cellNext = next;
        ws.cellRows = r;
        // Row-local: the two halves of the rows side by side while the product threads sleep.
        if (r > 1 && Halves.worthIt((long) r * h)) {
          Halves.run(true, ws.cellWork);
        } else {
          cell.forward(ws.forwardRows(0, -1));
        }
        INDArray hPrev = hs.head(prev, r);
        INDArray hNext = hs.head(next, r);
        if (pad.prefix(t)) {
          copy(hNext, ws.out.head(t, r));
        } else {
          // Rows padded at this step inside [0, r): keep the old state, output zero.
          INDArray m = pad.mask(t);
          INDArray tmp = ws.tmp.head(0, r);
          if (cs != null) {
            freeze(cs.head(prev, r), cs.head(next, r), m, tmp);
          }
          freeze(hPrev, hNext, m, tmp);
          mulColumn(hNext, m, ws.out.head(t, r));
        }
      }
      if (r < batch) {
        copy(hs.tail(prev, r), hs.tail(next, r));
        if (cs != null) {
          copy(cs.tail(prev, r), cs.tail(next, r));
        }
        zero(ws.out.tail(t, r));
      }
    }
  }

  static void initial(INDArray given, INDArray slot) {
    if (given != null) {
      copy(given, slot);
    } else {
      zero(slot);
    }
  }

  /** next = prev + m * (next - prev): rows with mask 0 keep their previous state. */
  private static void freeze(INDArray prev, INDArray next, INDArray m, INDArray tmp) {
    sub(next, prev, tmp);
    mulColumn(tmp, m, tmp);
    add(prev, tmp, next);
  }

  /** Rows [0, r) of block i (half -1), or their first (0) or second (1) half. */
  static INDArray rows(BlockSeries s, int i, int r, int half) {
    return half < 0 ? s.head(i, r) : half == 0 ? s.head(i, r / 2) : s.upperHalf(i, r);
  }

  /**
   * Backpropagates through the last {@link #forward} run in {@code ws} and overwrites this
   * layer's parameter gradients.
   *
   * @param inputs the same inputs as the forward pass (read for the weight gradient)
   * @param useOutputGradient whether {@link SequenceWorkspace#outputGradient()} holds
   *     dLoss/dOutput (otherwise the outputs are taken as unused)
   * @param dhT [batch, H] gradient of the final hidden state, or null for zero
   * @param dcT [batch, H] gradient of the final cell state, or null for zero
   * @param dInputs where to write the input gradients, split like {@code inputs}; a null entry
   *     (or a null array) skips that part
   * @param accumulateInputGradients add to {@code dInputs} instead of overwriting them
   * @param dh0 [batch, H] receives the gradient of h0, or null
   * @param dc0 [batch, H] receives the gradient of c0, or null
   */
  public void backward(SequenceWorkspace ws, MatrixRef[] inputs, boolean useOutputGradient,
      INDArray dhT, INDArray dcT, MatrixRef[] dInputs, boolean accumulateInputGradients,
      INDArray dh0, INDArray dc0) {
    backwardThroughTime(ws, inputs, useOutputGradient, dhT, dcT, dh0, dc0);
    inputGradients(ws, inputs, dInputs, accumulateInputGradients);
  }

  /**
   * The first half of {@link #backward}: gradients of the gates at every step, of h0 and c0, and
   * of this layer's parameters (overwritten). Writes only this layer's workspace and parameter
   * gradients, so the two directions of a bidirectional layer may run it at the same time.
   */
  public void backwardThroughTime(SequenceWorkspace ws, MatrixRef[] inputs,
      boolean useOutputGradient, INDArray dhT, INDArray dcT, INDArray dh0, INDArray dc0) {
    backwardPass.backwardThroughTime(ws, inputs, useOutputGradient, dhT, dcT, dh0, dc0);
  }

  /**
   * The second half of {@link #backward}: gradients of the inputs from the gate gradients of the
   * last {@link #backwardThroughTime}.
   *
   * @param dInputs where to write them, split like {@code inputs}; null entries are skipped
   * @param accumulate add to {@code dInputs} instead of overwriting them
   */
  public void inputGradients(SequenceWorkspace ws, MatrixRef[] inputs, MatrixRef[] dInputs,
      boolean accumulate) {
    backwardPass.inputGradients(ws, inputs, dInputs, accumulate);
  }

  /**
   * One decoding step for a whole batch, updating the carried state in place.
   *
   * @param inputs the input split by columns, each [batch, width_p]
   * @param hState [batch, H] h_{t-1} on entry, h_t on return; batch at most the buffers' capacity
   * @param cState [batch, H] c_{t-1} on entry, c_t on return (null without a cell state)
   */
  public void step(StepBuffers sb, MatrixRef[] inputs, INDArray hState, INDArray cState) {
    final int batch = checkStep(sb, hState, cState);
    checkInputs(inputs, batch);
    // All gates side by side, [batch, G*H]: one product per operand instead of one per gate
    // and operand (fewer, larger products; each call is a parallel region to start and join).
    projectInputs(batch, sb.ones, inputs, sb.rowGates);
    recurrentAndCell(sb, batch, hState, cState);
  }

  /**
   * out = b + sum over parts of x_p Wx[rows of part p]: the bias and the input products of
   * {@code rows} rows, the gates side by side.
   *
   * @param ones at least {@code rows} ones (the bias as a rank-1 product)
   * @param inputs the input split by columns, each [rows, width_p]
   * @param out [rows, G*H] (contiguous from offset 0)
   */
  private void projectInputs(int rows, INDArray ones, MatrixRef[] inputs, INDArray out) {
    final int gw = gateWidth;
    if (rows <= COPIED_BIAS_ROWS) {
      // the same values as the rank-1 product below, without a product call per step
      for (int r = 0; r < rows; r++) {
        NativeMemory.copy(b, 0, out, (long) r * gw, gw);
      }
    } else {
      Gemm.gemm(false, false, rows, gw, 1, 1, ones, 0, 1, b, 0, gw, 0, out, 0, gw);
    }
    int row0 = 0;
    for (MatrixRef x : inputs) {
      Gemm.gemm(false, false, rows, gw, x.cols(), 1, x.array(), x.offset(), x.ld(),
          wx, (long) row0 * gw, gw, 1, out, 0, gw);
      row0 += x.cols();
    }
  }

  /**
   * {@link #step} with the input projection (and bias) gathered from a precomputed table instead
   * of computed: the same result up to rounding, for a layer fed by an embedding.
   *
   * @param inputs this layer's table (built for this layer and the embedding feeding it)
   * @param ids [batch] (at least) the input token of each row
   */
  public void step(StepBuffers sb, InputProjection inputs, int[] ids, INDArray hState,
      INDArray cState) {
    final int batch = checkStep(sb, hState, cState);
    checkTable(inputs);
    inputs.gather(ids, batch, sb.rowGates, 0);
    recurrentAndCell(sb, batch, hState, cState);
  }

  /**
   * {@link #step(StepBuffers, InputProjection, int[], INDArray, INDArray)} for a layer whose
   * input is the embedding followed by more columns: the table covers the embedding part, and
   * {@code rowAddend} holds the rest of the input projection of each row, precomputed (e.g. a
   * per-sentence source context times its rows of Wx, constant over the steps).
   *
   * @param rowAddend [batch, G*H] (a contiguous view) added to the gathered preactivations
   */
  public void step(StepBuffers sb, InputProjection inputs, int[] ids, INDArray rowAddend,
      INDArray hState, INDArray cState) {
    final int batch = checkStep(sb, hState, cState);
    checkTable(inputs);
    if (rowAddend.length() != (long) batch * gateWidth) {
      throw new IllegalArgumentException(name + ": row addend must be [" + batch + ", "
          + gateWidth + "], got " + Arrays.toString(rowAddend.shape()));
    }
    inputs.gather(ids, batch, sb.rowGates, 0);
    addi(sb.rowGateRows.head(0, batch), rowAddend);
    recurrentAndCell(sb, batch, hState, cState);
  }

  private void checkTable(InputProjection inputs) {
    if (inputs.gateWidth() != gateWidth) {
      throw new IllegalArgumentException(name + ": input table is " + inputs.gateWidth()
          + " wide, not " + gateWidth);
    }
  }

  private int checkStep(StepBuffers sb, INDArray hState, INDArray cState) {
    final int batch = (int) hState.size(0);
    if (batch > sb.capacity) {
      throw new IllegalArgumentException(
          name + ": batch " + batch + " exceeds step buffer capacity " + sb.capacity);
    }
    if (cell.hasCellState() && cState == null) {
      throw new IllegalArgumentException(name + ": a " + type.id() + " step needs a cell state");
    }
    return batch;
  }

  /**
   * Adds the recurrent product to the side-by-side preactivations in {@code sb.rowGates} (or
   * keeps it apart, with its bias, for a separate-recurrent cell), moves each gate to its
   * contiguous block (elementwise ops on strided views are many times slower than a row copy),
   * and runs the cell.
   */
  private void recurrentAndCell(StepBuffers sb, int batch, INDArray hState, INDArray cState) {
    final int h = hiddenSize;
    final int gw = gateWidth;
    final int g = cell.gates();
    INDArray rg = sb.rowGates;
    boolean ahead = sb.aheadRows == batch;
    sb.aheadRows = -1;
    if (cell.separateRecurrent()) {
      INDArray rec = sb.rowRecurrent;
      if (!ahead) {
        recurrentPart(sb, batch, hState);
      }
      for (int k = 0; k < g; k++) {
        NativeMemory.gatherRows(rec, (long) k * h, gw, sb.identity, batch, sb.recurrent.buffer(),
            sb.recurrent.offset(k), h, h);
      }
    } else if (ahead) {
      // rg + h Wh, added in the order the product with beta 1 adds it
      sb.addAhead(batch * gw);
    } else {
      Gemm.gemm(false, false, batch, gw, h, 1, hState, 0, h, wh, 0, gw, 1, rg, 0, gw);
    }
    BlockSeries gates = sb.gates;
    for (int k = 0; k < g; k++) {
      NativeMemory.gatherRows(rg, (long) k * h, gw, sb.identity, batch, gates.buffer(),
          gates.offset(k), h, h);
    }
    sb.runCell(batch, hState, cell.hasCellState() ? cState : null);
  }

  /** The separate recurrent part {@code bh + h Wh} of a GRU-like cell into {@code sb.rowRecurrent}. */
  private void recurrentPart(StepBuffers sb, int batch, INDArray hState) {
    final int gw = gateWidth;
    INDArray rec = sb.rowRecurrent;
    Gemm.gemm(false, false, batch, gw, 1, 1, sb.ones, 0, 1, bh, 0, gw, 0, rec, 0, gw);
    Gemm.gemm(false, false, batch, gw, hiddenSize, 1, hState, 0, hiddenSize, wh, 0, gw, 1, rec,
        0, gw);
  }

  /**
   * Computes the recurrent part of the next {@link #step} ahead of it, from the current state:
   * {@code h Wh} (and {@code bh} for a cell that keeps the recurrent part apart). It does not
   * depend on the next step's input, so it can run while the caller still works out that input
   * (e.g. on another core while the output projection and the token choice of this step run).
   * The next step of these buffers uses it instead of its own product, with the same arithmetic
   * for every element (it is added where the product would have added it), unless {@link
   * StepBuffers#forgetRecurrentAhead()} dropped it; that step must be given the same state
   * ({@code hState} unchanged, the same rows).
   *
   * @param hState [batch, H] the state the next step starts from
   */
  public void recurrentAhead(StepBuffers sb, INDArray hState) {
    final int batch = (int) hState.size(0);
    if (batch > sb.capacity) {
      throw new IllegalArgumentException(
          name + ": batch " + batch + " exceeds step buffer capacity " + sb.capacity);
    }
    sb.aheadRows = -1;
    if (cell.separateRecurrent()) {
      recurrentPart(sb, batch, hState);
    } else {
      if (sb.ahead == null) {
        sb.ahead = new BlockSeries(Nd4j.create(wh.dataType(), (long) sb.capacity * gateWidth), 0,
            1, sb.capacity, gateWidth);
      }
      Gemm.gemm(false, false, batch, gateWidth, hiddenSize, 1, hState, 0, hiddenSize, wh, 0,
          gateWidth, 0, sb.ahead.buffer(), 0, gateWidth);
    }
    sb.aheadRows = batch;
  }

  void checkInputs(MatrixRef[] inputs, int rows) {
    int width = 0;
    for (MatrixRef x : inputs) {
      if (x.rows() != rows) {
        throw new IllegalArgumentException(
            name + ": input has " + x.rows() + " rows, expected " + rows);
      }
      width += x.cols();
    }
    if (width != inputSize) {
      throw new IllegalArgumentException(
          name + ": inputs are " + width + " wide, expected " + inputSize);
    }
  }
}
