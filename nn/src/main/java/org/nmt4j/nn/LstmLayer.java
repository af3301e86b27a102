package org.nmt4j.nn;

import static org.nmt4j.nn.ops.ArrayOps.add;
import static org.nmt4j.nn.ops.ArrayOps.addi;
import static org.nmt4j.nn.ops.ArrayOps.copy;
import static org.nmt4j.nn.ops.ArrayOps.mul;
import static org.nmt4j.nn.ops.ArrayOps.mulColumn;
import static org.nmt4j.nn.ops.ArrayOps.oneMinusSquare;
import static org.nmt4j.nn.ops.ArrayOps.sigmoid;
import static org.nmt4j.nn.ops.ArrayOps.sub;
import static org.nmt4j.nn.ops.ArrayOps.tanh;
import static org.nmt4j.nn.ops.ArrayOps.timesOneMinus;
import static org.nmt4j.nn.ops.ArrayOps.zero;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.nn.ops.BlockSeries;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.Halves;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * One direction of an LSTM layer over a padded, time-major batch, with forward and backward
 * passes through time written directly on ND4J buffers.
 *
 * <p>Equations per step, gates in the order i, f, g, o (column blocks of the weights):
 *
 * <pre>
 *   [i f g o] = x_t Wx + h_{t-1} Wh + b     i, f, o = sigmoid(.), g = tanh(.)
 *   c_t = f * c_{t-1} + i * g               h_t = o * tanh(c_t)
 * </pre>
 *
 * <p>Parameters (declared with {@link #declare}): {@code NAME.Wx} [input, 4H], {@code NAME.Wh}
 * [H, 4H], {@code NAME.b} [4H].
 *
 * <p>Padding: at a padded position the state is carried over unchanged and the output is zero,
 * so a row's final state is the state after its true last token. A reversed layer runs from the
 * last step to the first; since padded steps leave the initial state untouched, each row
 * effectively starts at its own last real token.
 *
 * <p>Speed: the input projection of all steps is one product per gate; each step then adds its
 * recurrent product straight into that step's gate rows (preactivations become activations in
 * place, which is what the backward pass needs). Gates are stored gate-major, so every
 * elementwise operation works on a contiguous [rows, H] block; only the rows that are real at a
 * step are computed (see {@link Padding}); all buffers live in a {@link Workspace} reused across
 * calls. Parameter gradients are products over all steps at once after the backward loop. The
 * cell of a step (its sigmoids and tanhs are most of the time outside the products) runs in two
 * halves of the rows side by side ({@link Halves}) when the step is large enough; the result is
 * the same either way.
 *
 * <p>The layer object only reads its parameters; everything mutable is in a {@link Workspace}
 * or {@link StepBuffers}, so several threads may run the same layer with their own buffers.
 */
public final class LstmLayer {
  private final String name;
  private final int inputSize;
  private final int hiddenSize;
  private final boolean reversed;
  private final INDArray wx;
  private final INDArray wh;
  private final INDArray b;
  private final INDArray gradWx;
  private final INDArray gradWh;
  private final INDArray gradB;

  /** Declares {@code NAME.Wx} [input, 4H], {@code NAME.Wh} [H, 4H] and {@code NAME.b} [4H]. */
  public static void declare(Parameters.Builder builder, String name, int inputSize, int hiddenSize) {
    builder.add(name + ".Wx", inputSize, 4L * hiddenSize);
    builder.add(name + ".Wh", hiddenSize, 4L * hiddenSize);
    builder.add(name + ".b", 4L * hiddenSize);
  }

  /**
   * Binds a layer to its declared parameters.
   *
   * @param reversed run from the last step to the first
   */
  public LstmLayer(Parameters params, String name, int inputSize, int hiddenSize, boolean reversed) {
    ElementwiseThreads.apply();
    this.name = name;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.reversed = reversed;
    this.wx = checked(params, name + ".Wx", inputSize, 4L * hiddenSize);
    this.wh = checked(params, name + ".Wh", hiddenSize, 4L * hiddenSize);
    this.b = checked(params, name + ".b", 4L * hiddenSize);
    this.gradWx = params.gradient(name + ".Wx");
    this.gradWh = params.gradient(name + ".Wh");
    this.gradB = params.gradient(name + ".b");
  }

  static INDArray checked(Parameters params, String name, long... shape) {
    if (!params.contains(name)) {
      throw new IllegalArgumentException("missing parameter '" + name + "'");
    }
    INDArray v = params.value(name);
    if (!Arrays.equals(v.shape(), shape)) {
      throw new IllegalArgumentException("parameter '" + name + "' has shape "
          + Arrays.toString(v.shape()) + ", expected " + Arrays.toString(shape));
    }
    return v;
  }

  /** The live input weights Wx [input, 4H] (read by {@link InputProjection}). */
  public INDArray inputWeights() {
    return wx;
  }

  /** The live bias b [4H]. */
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

  /** Whether this layer runs from the last step to the first. */
  public boolean reversed() {
    return reversed;
  }

  /**
   * Initialises the weights: per-gate weight blocks by the scheme, biases by the scheme, then
   * optionally the identity for the recurrent cell-candidate block and 1.0 forget-gate biases.
   */
  public void initialise(InitConfig init, Random rng) {
    int h = hiddenSize;
    for (int k = 0; k < 4; k++) {
      Initialisers.weights(wx.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)),
          init, inputSize, h, rng);
      Initialisers.weights(wh.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)),
          init, h, h, rng);
    }
    Initialisers.bias(b, init, rng);
    if (init.identityRecurrent()) {
      wh.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h))
          .assign(Nd4j.eye(h).castTo(wh.dataType()));
    }
    if (init.forgetGateBias()) {
      b.get(NDArrayIndex.interval(h, 2 * h)).assign(1.0);
    }
  }

  /** Sets this layer's parameter gradients to zero (when it took no part in a batch). */
  public void zeroGradients() {
    gradWx.assign(0);
    gradWh.assign(0);
    gradB.assign(0);
  }

  /** Fresh buffers for {@link #forward}/{@link #backward} (they grow on demand). */
  public Workspace newWorkspace() {
    return new Workspace(wx.dataType(), hiddenSize);
  }

  /** Fresh buffers for {@link #step} with batches of up to {@code capacity} rows. */
  public StepBuffers newStepBuffers(int capacity) {
    return new StepBuffers(wx.dataType(), hiddenSize, capacity);
  }

  /**
   * Runs the layer over a padded batch; results stay in {@code ws} ({@link Workspace#output()},
   * {@link Workspace#finalH()}, {@link Workspace#finalC()}).
   *
   * @param inputs the input split by columns: part p is [time * batch, width_p], time-major
   *     (row t * batch + b), the widths summing to the input size. Splitting lets a layer read
   *     the two directions of a bidirectional layer below without concatenating them.
   * @param h0 [batch, H] initial hidden state, or null for zeros
   * @param c0 [batch, H] initial cell state, or null for zeros
   */
  public void forward(Workspace ws, Padding pad, MatrixRef[] inputs, INDArray h0, INDArray c0) {
    final int rows = pad.time() * pad.batch();
    checkInputs(inputs, rows);
    prepare(ws, pad);

    // Input projection and bias for all steps, the four gates side by side ([rows, 4H]): one
    // product per input part.
    projectInputs(rows, ws.ones, inputs, ws.projected);
    recur(ws, pad, h0, c0);
  }

  /**
   * {@link #forward(Workspace, Padding, MatrixRef[], INDArray, INDArray)} for a layer fed by an
   * embedding, with the input projection (and bias) of every position gathered from a
   * precomputed table instead of computed: the same result up to rounding, without the input
   * product. {@link #backward} still needs the embedded inputs themselves.
   *
   * @param inputs this layer's table (built for this layer and the embedding feeding it)
   * @param ids [time * batch] (at least) the input token of each position, time-major (row t *
   *     batch + b); padded positions may hold any valid id
   */
  public void forward(Workspace ws, Padding pad, InputProjection inputs, int[] ids, INDArray h0,
      INDArray c0) {
    if (inputs.hiddenSize() != hiddenSize) {
      throw new IllegalArgumentException(name + ": input table is for hidden size "
          + inputs.hiddenSize() + ", not " + hiddenSize);
    }
    prepare(ws, pad);
    inputs.gather(ids, pad.time() * pad.batch(), ws.projected, 0);
    recur(ws, pad, h0, c0);
  }

  private void prepare(Workspace ws, Padding pad) {
    ws.ensure(pad.time(), pad.batch());
    ws.forwardTime = pad.time();
    ws.padding = pad;
    ws.reversedFinal = reversed;
  }

  /** The recurrence over all steps, from the input projections in {@code ws.projected}. */
  private void recur(Workspace ws, Padding pad, INDArray h0, INDArray c0) {
    final int time = pad.time();
    final int batch = pad.batch();
    final int h = hiddenSize;
    final int g4 = 4 * h;
    final INDArray xp = ws.projected;

    int start = reversed ? time : 0;
    if (h0 != null) {
      copy(h0, ws.hs.block(start));
    } else {
      zero(ws.hs.block(start));
    }
    if (c0 != null) {
      copy(c0, ws.cs.block(start));
    } else {
      zero(ws.cs.block(start));
    }

    BlockSeries hs = ws.hs;
    BlockSeries cs = ws.cs;
    for (int s = 0; s < time; s++) {
      int t = reversed ? time - 1 - s : s;
      int prev = reversed ? t + 1 : t;
      int next = reversed ? t : t + 1;
      int r = pad.span(t);
      if (r > 0) {
        // This step's preactivations: its projected rows plus h Wh in one product, then each
        // gate moved to its contiguous block (elementwise ops on strided views are slow).
        INDArray step = ws.stepGates;
        NativeMemory.copy(xp, (long) t * batch * g4, step, 0, (long) r * g4);
        Gemm.gemm(false, false, r, g4, h, 1, hs.buffer(), hs.offset(prev), h,
            wh, 0, g4, 1, step, 0, g4);
        for (int k = 0; k < 4; k++) {
          BlockSeries g = ws.gates[k];
          NativeMemory.gatherRows(step, (long) k * h, g4, ws.identity, r, g.buffer(), g.offset(t),
              h, h);
        }
        ws.cellT = t;
        ws.cellPrev = prev;
        ws.cellNext = next;
        ws.cellRows = r;
        // Row-local: the two halves of the rows side by side while the product threads sleep.
        if (r > 1 && Halves.worthIt((long) r * h)) {
          Halves.run(true, ws.cell);
        } else {
          forwardCell(ws, -1);
        }
        INDArray cPrev = cs.head(prev, r);
        INDArray cNext = cs.head(next, r);
        INDArray hPrev = hs.head(prev, r);
        INDArray hNext = hs.head(next, r);
        INDArray tmp = ws.tmp.head(0, r);
        if (pad.prefix(t)) {
          copy(hNext, ws.out.head(t, r));
        } else {
          // Rows padded at this step inside [0, r): keep the old state, output zero.
          INDArray m = pad.mask(t);
          sub(cNext, cPrev, tmp);
          mulColumn(tmp, m, tmp);
          add(cPrev, tmp, cNext);
          sub(hNext, hPrev, tmp);
          mulColumn(tmp, m, tmp);
          add(hPrev, tmp, hNext);
          mulColumn(hNext, m, ws.out.head(t, r));
        }
      }
      if (r < batch) {
        copy(hs.tail(prev, r), hs.tail(next, r));
        copy(cs.tail(prev, r), cs.tail(next, r));
        zero(ws.out.tail(t, r));
      }
    }
  }

  /**
   * The cell of step {@code ws.cellT} of a forward run for one half of its first {@code
   * ws.cellRows} rows (both halves when the rows are not split): gate activations in place, the
   * new cell state, its tanh and the new hidden state.
   *
   * @param half 0 or 1: rows [0, r/2) or [r/2, r), or -1 for all r rows
   */
  private static void forwardCell(Workspace ws, int half) {
    int t = ws.cellT;
    int r = ws.cellRows;
    INDArray i = rows(ws.gates[0], t, r, half);
    INDArray f = rows(ws.gates[1], t, r, half);
    INDArray g = rows(ws.gates[2], t, r, half);
    INDArray o = rows(ws.gates[3], t, r, half);
    sigmoid(i);
    sigmoid(f);
    tanh(g, g);
    sigmoid(o);
    INDArray cPrev = rows(ws.cs, ws.cellPrev, r, half);
    INDArray cNext = rows(ws.cs, ws.cellNext, r, half);
    INDArray hNext = rows(ws.hs, ws.cellNext, r, half);
    INDArray tc = rows(ws.tanhC, t, r, half);
    INDArray tmp = rows(ws.tmp, 0, r, half);
    mul(f, cPrev, cNext);
    mul(i, g, tmp);
    addi(cNext, tmp);
    tanh(cNext, tc);
    mul(o, tc, hNext);
  }

  /** Rows [0, r) of block i (half -1), or their first (0) or second (1) half. */
  private static INDArray rows(BlockSeries s, int i, int r, int half) {
    return half < 0 ? s.head(i, r) : half == 0 ? s.head(i, r / 2) : s.upperHalf(i, r);
  }

  /**
   * Backpropagates through the last {@link #forward} run in {@code ws} and overwrites this
   * layer's parameter gradients.
   *
   * @param inputs the same inputs as the forward pass (read for the weight gradient)
   * @param useOutputGradient whether {@link Workspace#outputGradient()} holds dLoss/dOutput
   *     (otherwise the outputs are taken as unused)
   * @param dhT [batch, H] gradient of the final hidden state, or null for zero
   * @param dcT [batch, H] gradient of the final cell state, or null for zero
   * @param dInputs where to write the input gradients, split like {@code inputs}; a null entry
   *     (or a null array) skips that part
   * @param accumulateInputGradients add to {@code dInputs} instead of overwriting them
   * @param dh0 [batch, H] receives the gradient of h0, or null
   * @param dc0 [batch, H] receives the gradient of c0, or null
   */
  public void backward(Workspace ws, MatrixRef[] inputs, boolean useOutputGradient,
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
  public void backwardThroughTime(Workspace ws, MatrixRef[] inputs, boolean useOutputGradient,
      INDArray dhT, INDArray dcT, INDArray dh0, INDArray dc0) {
    Padding pad = ws.padding;
    if (pad == null) {
      throw new IllegalStateException("backward before forward");
    }
    final int time = pad.time();
    final int batch = pad.batch();
    final int h = hiddenSize;
    final int rows = time * batch;
    checkInputs(inputs, rows);
    ws.ensureBackward();

    INDArray dh = ws.dh.block(0);
    INDArray dc = ws.dc.block(0);
    if (dhT != null) {
      copy(dhT, dh);
    } else {
      zero(dh);
    }
    if (dcT != null) {
      copy(dcT, dc);
    } else {
      zero(dc);
    }
    BlockSeries cs = ws.cs;
    BlockSeries gi = ws.gates[0];
    BlockSeries gf = ws.gates[1];
    BlockSeries gg = ws.gates[2];
    BlockSeries go = ws.gates[3];
    BlockSeries di = ws.dGates[0];
    BlockSeries df = ws.dGates[1];
    BlockSeries dg = ws.dGates[2];
    BlockSeries dO = ws.dGates[3];
    for (int s = time - 1; s >= 0; s--) {
      int t = reversed ? time - 1 - s : s;
      int prev = reversed ? t + 1 : t;
      int r = pad.span(t);
      if (r == 0) {
        for (int k = 0; k < 4; k++) {
          zero(ws.dGates[k].block(t));
        }
        continue;
      }
      INDArray dhA = ws.dh.head(0, r);
      INDArray dcA = ws.dc.head(0, r);
      INDArray tmp = ws.tmp.head(0, r);
      boolean general = !pad.prefix(t);
      INDArray keepH = null;
      INDArray keepC = null;
      if (general) {
        // Padded rows inside [0, r) pass their gradient straight to the previous state.
        INDArray m = pad.mask(t);
        keepH = ws.keepH.head(0, r);
        keepC = ws.keepC.head(0, r);
        copy(dhA, keepH);
        mulColumn(dhA, m, dhA);
        sub(keepH, dhA, keepH);
        copy(dcA, keepC);
        mulColumn(dcA, m, dcA);
        sub(keepC, dcA, keepC);
        if (useOutputGradient) {
          mulColumn(ws.dOut.head(t, r), m, tmp);
          addi(dhA, tmp);
        }
      } else if (useOutputGradient) {
        addi(dhA, ws.dOut.head(t, r));
      }
      INDArray i = gi.head(t, r);
      INDArray f = gf.head(t, r);
      INDArray g = gg.head(t, r);
      INDArray o = go.head(t, r);
      INDArray tc = ws.tanhC.head(t, r);
      INDArray cPrev = cs.head(prev, r);
      INDArray dI = di.head(t, r);
      INDArray dF = df.head(t, r);
      INDArray dG = dg.head(t, r);
      INDArray dOg = dO.head(t, r);
      // do = dh * tanh(c) * o(1-o)
      timesOneMinus(o, dOg);
      mul(dOg, tc, dOg);
      mul(dOg, dhA, dOg);
      // dc += dh * o * (1 - tanh(c)^2)
      oneMinusSquare(tc, tmp);
      mul(tmp, o, tmp);
      mul(tmp, dhA, tmp);
      addi(dcA, tmp);
      // di = dc * g * i(1-i)
      timesOneMinus(i, dI);
      mul(dI, g, dI);
      mul(dI, dcA, dI);
      // dg = dc * i * (1-g^2)
      oneMinusSquare(g, dG);
      mul(dG, i, dG);
      mul(dG, dcA, dG);
      // df = dc * c_prev * f(1-f)
      timesOneMinus(f, dF);
      mul(dF, cPrev, dF);
      mul(dF, dcA, dF);
      // dc_prev = dc * f; dh_prev = sum_k dGate_k Wh_k^T
      mul(dcA, f, dcA);
      for (int k = 0; k < 4; k++) {
        BlockSeries d = ws.dGates[k];
        Gemm.gemm(false, true, r, h, h, 1, d.buffer(), d.offset(t), h,
            wh, (long) k * h, 4 * h, k == 0 ? 0 : 1, ws.dh.buffer(), ws.dh.offset(0), h);
      }
      if (general) {
        addi(dhA, keepH);
        addi(dcA, keepC);
      }
      if (r < batch) {
        for (int k = 0; k < 4; k++) {
          zero(ws.dGates[k].tail(t, r));
        }
      }
    }
    if (dh0 != null) {
      copy(dh, dh0);
    }
    if (dc0 != null) {
      copy(dc, dc0);
    }

    // Parameter gradients over all steps at once.
    long hPrevOffset = ws.hs.offset(reversed ? 1 : 0);
    for (int k = 0; k < 4; k++) {
      BlockSeries d = ws.dGates[k];
      Gemm.gemm(true, false, h, h, rows, 1, ws.hs.buffer(), hPrevOffset, h,
          d.buffer(), d.offset(0), h, 0, gradWh, (long) k * h, 4 * h);
      Gemm.gemm(false, false, 1, h, rows, 1, ws.ones, 0, rows,
          d.buffer(), d.offset(0), h, 0, gradB, (long) k * h, 4 * h);
      int row0 = 0;
      for (MatrixRef x : inputs) {
        Gemm.gemm(true, false, x.cols(), h, rows, 1, x.array(), x.offset(), x.ld(),
            d.buffer(), d.offset(0), h, 0, gradWx, (long) row0 * 4 * h + (long) k * h, 4 * h);
        row0 += x.cols();
      }
    }
  }

  /**
   * The second half of {@link #backward}: gradients of the inputs from the gate gradients of the
   * last {@link #backwardThroughTime}.
   *
   * @param dInputs where to write them, split like {@code inputs}; null entries are skipped
   * @param accumulate add to {@code dInputs} instead of overwriting them
   */
  public void inputGradients(Workspace ws, MatrixRef[] inputs, MatrixRef[] dInputs,
      boolean accumulate) {
    final int h = hiddenSize;
    final int rows = ws.padding.time() * ws.padding.batch();
    final boolean accumulateInputGradients = accumulate;
    if (dInputs != null) {
      int row0 = 0;
      for (int p = 0; p < inputs.length; p++) {
        MatrixRef dx = dInputs[p];
        int w = inputs[p].cols();
        if (dx != null) {
          if (dx.rows() != rows || dx.cols() != w) {
            throw new IllegalArgumentException("input gradient " + p + " is [" + dx.rows() + ", "
                + dx.cols() + "], expected [" + rows + ", " + w + "]");
          }
          for (int k = 0; k < 4; k++) {
            BlockSeries d = ws.dGates[k];
            Gemm.gemm(false, true, rows, w, h, 1, d.buffer(), d.offset(0), h,
                wx, (long) row0 * 4 * h + (long) k * h, 4 * h,
                (k == 0 && !accumulateInputGradients) ? 0 : 1, dx.array(), dx.offset(), dx.ld());
          }
        }
        row0 += w;
      }
    }
  }

  /**
   * One decoding step for a whole batch, updating the carried state in place.
   *
   * @param inputs the input split by columns, each [batch, width_p]
   * @param hState [batch, H] h_{t-1} on entry, h_t on return; batch at most the buffers' capacity
   * @param cState [batch, H] c_{t-1} on entry, c_t on return
   */
  public void step(StepBuffers sb, MatrixRef[] inputs, INDArray hState, INDArray cState) {
    final int batch = checkStep(sb, hState);
    checkInputs(inputs, batch);
    // All four gates side by side, [batch, 4H]: one product per operand instead of one per gate
    // and operand (fewer, larger products; each call is a parallel region to start and join).
    projectInputs(batch, sb.ones, inputs, sb.rowGates);
    recurrentAndCell(sb, batch, hState, cState);
  }

  /**
   * out = b + sum over parts of x_p Wx[rows of part p]: the bias and the input products of
   * {@code rows} rows, the four gates side by side.
   *
   * @param ones at least {@code rows} ones (the bias as a rank-1 product)
   * @param inputs the input split by columns, each [rows, width_p]
   * @param out [rows, 4H] (contiguous from offset 0)
   */
  private void projectInputs(int rows, INDArray ones, MatrixRef[] inputs, INDArray out) {
    final int g4 = 4 * hiddenSize;
    Gemm.gemm(false, false, rows, g4, 1, 1, ones, 0, 1, b, 0, g4, 0, out, 0, g4);
    int row0 = 0;
    for (MatrixRef x : inputs) {
      Gemm.gemm(false, false, rows, g4, x.cols(), 1, x.array(), x.offset(), x.ld(),
          wx, (long) row0 * g4, g4, 1, out, 0, g4);
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
    final int batch = checkStep(sb, hState);
    if (inputs.hiddenSize() != hiddenSize) {
      throw new IllegalArgumentException(name + ": input table is for hidden size "
          + inputs.hiddenSize() + ", not " + hiddenSize);
    }
    inputs.gather(ids, batch, sb.rowGates, 0);
    recurrentAndCell(sb, batch, hState, cState);
  }

  /**
   * {@link #step(StepBuffers, InputProjection, int[], INDArray, INDArray)} for a layer whose
   * input is the embedding followed by more columns: the table covers the embedding part, and
   * {@code rowAddend} holds the rest of the input projection of each row, precomputed (e.g. a
   * per-sentence source context times its rows of Wx, constant over the steps).
   *
   * @param rowAddend [batch, 4H] (a contiguous view) added to the gathered preactivations
   */
  public void step(StepBuffers sb, InputProjection inputs, int[] ids, INDArray rowAddend,
      INDArray hState, INDArray cState) {
    final int batch = checkStep(sb, hState);
    if (inputs.hiddenSize() != hiddenSize) {
      throw new IllegalArgumentException(name + ": input table is for hidden size "
          + inputs.hiddenSize() + ", not " + hiddenSize);
    }
    if (rowAddend.length() != (long) batch * 4 * hiddenSize) {
      throw new IllegalArgumentException(name + ": row addend must be [" + batch + ", "
          + 4 * hiddenSize + "], got " + Arrays.toString(rowAddend.shape()));
    }
    inputs.gather(ids, batch, sb.rowGates, 0);
    addi(sb.rowGateRows.head(0, batch), rowAddend);
    recurrentAndCell(sb, batch, hState, cState);
  }

  private int checkStep(StepBuffers sb, INDArray hState) {
    final int batch = (int) hState.size(0);
    if (batch > sb.capacity) {
      throw new IllegalArgumentException(
          name + ": batch " + batch + " exceeds step buffer capacity " + sb.capacity);
    }
    return batch;
  }

  /**
   * Adds h Wh to the side-by-side preactivations in {@code sb.rowGates}, moves each gate to its
   * contiguous block of {@code sb.gates} (elementwise ops on strided views are many times
   * slower than a row copy), and runs the cell.
   */
  private void recurrentAndCell(StepBuffers sb, int batch, INDArray hState, INDArray cState) {
    final int h = hiddenSize;
    final int g4 = 4 * h;
    INDArray rg = sb.rowGates;
    Gemm.gemm(false, false, batch, g4, h, 1, hState, 0, h, wh, 0, g4, 1, rg, 0, g4);
    BlockSeries gates = sb.gates;
    for (int k = 0; k < 4; k++) {
      NativeMemory.gatherRows(rg, (long) k * h, g4, sb.identity, batch, gates.buffer(),
          gates.offset(k), h, h);
    }
    cell(sb, batch, hState, cState);
  }

  /**
   * The elementwise part of a step, from the gate preactivations in {@code sb.gates}: in two
   * halves of the rows side by side when large enough (the product threads sleep meanwhile).
   */
  private void cell(StepBuffers sb, int batch, INDArray hState, INDArray cState) {
    if (batch > 1 && Halves.worthIt((long) batch * hiddenSize)) {
      sb.prepareHalves(batch, hState, cState);
      Halves.run(true, sb.cellHalf);
      return;
    }
    BlockSeries gates = sb.gates;
    INDArray i = gates.head(0, batch);
    INDArray f = gates.head(1, batch);
    INDArray g = gates.head(2, batch);
    INDArray o = gates.head(3, batch);
    if (batch == sb.capacity) {
      sigmoid(sb.inputAndForget);
    } else {
      sigmoid(i);
      sigmoid(f);
    }
    tanh(g, g);
    sigmoid(o);
    INDArray tmp = sb.tmp.head(0, batch);
    mul(f, cState, cState);
    mul(i, g, tmp);
    addi(cState, tmp);
    tanh(cState, tmp);
    mul(o, tmp, hState);
  }

  /** The cell of one half (0: rows [0, n/2), 1: rows [n/2, n)) of a step of n rows. */
  private static void stepCellHalf(StepBuffers sb, int half) {
    int n = sb.halfBatch;
    INDArray i = rows(sb.gates, 0, n, half);
    INDArray f = rows(sb.gates, 1, n, half);
    INDArray g = rows(sb.gates, 2, n, half);
    INDArray o = rows(sb.gates, 3, n, half);
    INDArray tmp = rows(sb.tmp, 0, n, half);
    INDArray c = sb.cHalves[half];
    sigmoid(i);
    sigmoid(f);
    tanh(g, g);
    sigmoid(o);
    mul(f, c, c);
    mul(i, g, tmp);
    addi(c, tmp);
    tanh(c, tmp);
    mul(o, tmp, sb.hHalves[half]);
  }

  private void checkInputs(MatrixRef[] inputs, int rows) {
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

  /**
   * The buffers of a {@link #forward}/{@link #backward} pair: activations, states and their
   * gradients for every step. They are sized for the largest (time, batch) seen so far and
   * reused; a larger shape grows them once. One workspace serves one thread at a time.
   */
  public static final class Workspace {
    private final DataType dataType;
    private final int hidden;
    private int timeCapacity;
    private int batch;
    private INDArray forwardBuffer;
    private INDArray backwardBuffer;
    private INDArray ones;
    private boolean backwardReady;
    private int forwardTime;
    private Padding padding;
    private boolean reversedFinal;

    BlockSeries[] gates;
    INDArray projected;
    INDArray stepGates;
    int[] identity = new int[0];
    BlockSeries hs;
    BlockSeries cs;
    BlockSeries tanhC;
    BlockSeries out;
    BlockSeries tmp;
    BlockSeries[] dGates;
    BlockSeries dOut;
    BlockSeries dh;
    BlockSeries dc;
    BlockSeries keepH;
    BlockSeries keepC;
    /** The step whose cell {@link #cell} computes: time, state slots and real rows. */
    int cellT;
    int cellPrev;
    int cellNext;
    int cellRows;
    /** {@link LstmLayer#forwardCell} as a reusable object: no allocation per step. */
    final Halves.Work cell = half -> forwardCell(this, half);

    Workspace(DataType dataType, int hidden) {
      this.dataType = dataType;
      this.hidden = hidden;
    }

    void ensure(int time, int batch) {
      if (forwardBuffer != null && time <= timeCapacity && batch == this.batch) {
        return;
      }
      // Grow geometrically so that a run of ever longer batches reallocates only a few times.
      int cap = time <= timeCapacity ? timeCapacity : Math.max(time, timeCapacity + timeCapacity / 2);
      long block = (long) batch * hidden;
      // gates 4*cap, hs and cs cap+1 each, tanhC and out cap each, tmp 1
      // + projected 4*cap (all steps' input projections, gates side by side) + stepGates 4
      long forwardNeed = block * (4L * cap + 2L * (cap + 1) + 2L * cap + 1 + 4L * cap + 4);
      if (forwardBuffer == null || forwardBuffer.length() < forwardNeed) {
        forwardBuffer = Nd4j.create(dataType, forwardNeed);
      }
      long onesNeed = (long) cap * batch;
      if (ones == null || ones.length() < onesNeed) {
        ones = Nd4j.ones(dataType, onesNeed);
      }
      this.timeCapacity = cap;
      this.batch = batch;
      long off = 0;
      gates = new BlockSeries[4];
      for (int k = 0; k < 4; k++) {
        gates[k] = new BlockSeries(forwardBuffer, off, cap, batch, hidden);
        off += block * cap;
      }
      hs = new BlockSeries(forwardBuffer, off, cap + 1, batch, hidden);
      off += block * (cap + 1);
      cs = new BlockSeries(forwardBuffer, off, cap + 1, batch, hidden);
      off += block * (cap + 1);
      tanhC = new BlockSeries(forwardBuffer, off, cap, batch, hidden);
      off += block * cap;
      out = new BlockSeries(forwardBuffer, off, cap, batch, hidden);
      off += block * cap;
      tmp = new BlockSeries(forwardBuffer, off, 1, batch, hidden);
      off += block;
      projected = forwardBuffer.get(NDArrayIndex.interval(off, off + 4 * block * cap));
      off += 4 * block * cap;
      stepGates = forwardBuffer.get(NDArrayIndex.interval(off, off + 4 * block));
      if (identity.length < batch) {
        identity = new int[batch];
        for (int r = 0; r < batch; r++) {
          identity[r] = r;
        }
      }
      backwardReady = false;
    }

    void ensureBackward() {
      if (backwardReady) {
        return;
      }
      int cap = timeCapacity;
      long block = (long) batch * hidden;
      // dGates 4*cap, dOut cap, dh dc keepH keepC 1 each
      long need = block * (5L * cap + 4);
      if (backwardBuffer == null || backwardBuffer.length() < need) {
        backwardBuffer = Nd4j.create(dataType, need);
      }
      long off = 0;
      dGates = new BlockSeries[4];
      for (int k = 0; k < 4; k++) {
        dGates[k] = new BlockSeries(backwardBuffer, off, cap, batch, hidden);
        off += block * cap;
      }
      dOut = new BlockSeries(backwardBuffer, off, cap, batch, hidden);
      off += block * cap;
      dh = new BlockSeries(backwardBuffer, off, 1, batch, hidden);
      off += block;
      dc = new BlockSeries(backwardBuffer, off, 1, batch, hidden);
      off += block;
      keepH = new BlockSeries(backwardBuffer, off, 1, batch, hidden);
      off += block;
      keepC = new BlockSeries(backwardBuffer, off, 1, batch, hidden);
      backwardReady = true;
    }

    /** The outputs of the last forward run: [time * batch, H], time-major, zero where padded. */
    public MatrixRef output() {
      return new MatrixRef(out.buffer(), out.offset(0), forwardTime * batch, hidden, hidden);
    }

    /** Output rows of step t: [batch, H] (a cached view). */
    public INDArray output(int t) {
      return out.block(t);
    }

    /** The final hidden state [batch, H] of the last forward run (after each row's last real token). */
    public INDArray finalH() {
      return hs.block(finalSlot());
    }

    /** The final cell state [batch, H] of the last forward run. */
    public INDArray finalC() {
      return cs.block(finalSlot());
    }

    private int finalSlot() {
      if (padding == null) {
        throw new IllegalStateException("no forward run yet");
      }
      return reversedFinal ? 0 : forwardTime;
    }

    /**
     * Where the consumer writes dLoss/dOutput before {@link LstmLayer#backward} with {@code
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

    /** Batch size of the last forward run. */
    public int batch() {
      return batch;
    }

    /** Padded time of the last forward run. */
    public int time() {
      return forwardTime;
    }
  }

  /** The buffers of {@link #step}, for batches up to a capacity. */
  public static final class StepBuffers {
    final int capacity;
    final BlockSeries gates;
    final INDArray inputAndForget;
    final BlockSeries tmp;
    final INDArray ones;
    final INDArray rowGates;
    /** {@link #rowGates} as [rows, 4H] views (cached per row count). */
    final BlockSeries rowGateRows;
    final int[] identity;
    /** Row count of the split step, and the halves of its states (cached per state view). */
    int halfBatch;
    private INDArray hKey;
    private INDArray cKey;
    final INDArray[] hHalves = new INDArray[2];
    final INDArray[] cHalves = new INDArray[2];
    /** {@link LstmLayer#stepCellHalf} as a reusable object: no allocation per step. */
    final Halves.Work cellHalf = half -> stepCellHalf(this, half);

    /**
     * Readies a split step of n rows: the states' halves are views made once per state array
     * (decoding passes the same cached views step after step).
     */
    void prepareHalves(int n, INDArray hState, INDArray cState) {
      if (n != halfBatch || hState != hKey || cState != cKey) {
        halves(hState, n, hHalves);
        halves(cState, n, cHalves);
        hKey = hState;
        cKey = cState;
        halfBatch = n;
      }
    }

    private static void halves(INDArray x, int n, INDArray[] out) {
      out[0] = x.get(NDArrayIndex.interval(0, n / 2), NDArrayIndex.all());
      out[1] = x.get(NDArrayIndex.interval(n / 2, n), NDArrayIndex.all());
    }

    StepBuffers(DataType dataType, int hidden, int capacity) {
      this.capacity = capacity;
      long block = (long) capacity * hidden;
      this.rowGates = Nd4j.create(dataType, 4 * block);
      this.rowGateRows = new BlockSeries(rowGates, 0, 1, capacity, 4 * hidden);
      this.identity = new int[capacity];
      for (int r = 0; r < capacity; r++) {
        identity[r] = r;
      }
      INDArray buffer = Nd4j.create(dataType, 5 * block);
      this.gates = new BlockSeries(buffer, 0, 4, capacity, hidden);
      this.inputAndForget = gates.span(0, 2);
      this.tmp = new BlockSeries(buffer, 4 * block, 1, capacity, hidden);
      this.ones = Nd4j.ones(dataType, capacity);
    }

    /** Largest batch these buffers serve. */
    public int capacity() {
      return capacity;
    }
  }
}
