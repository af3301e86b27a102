package org.nmt4j.decoder;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ElementwiseThreads;
import org.nmt4j.nn.TransposedWeights;
import org.nmt4j.nn.ops.ArrayOps;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.NativeMemory;
import org.nmt4j.nn.ops.Rows;
import org.nmt4j.nn.quant.Bf16Weights;
import org.nmt4j.nn.quant.Int8Weights;

/**
 * The output projection {@code logits = x W^T + b} with W [V, Hd] (PyTorch's layout, so that it
 * can be the target embedding table itself when tied), and the softmax cross-entropy on it.
 *
 * <p>The projection of all positions of a batch is one product. The loss uses a numerically
 * stable log-softmax (max-shifted); its gradient is {@code softmax - onehot}, computed in the
 * logits buffer itself, and the 1/N of the mean is folded into the backward products.
 *
 * <p>Reads its parameters only; the caller owns every buffer.
 */
public final class OutputLayer {
  private final INDArray w;
  private final INDArray b;
  private final INDArray gw;
  private final INDArray gb;
  private final INDArray c;
  private final INDArray gc;
  private final int vocabulary;
  private final int width;

  /**
   * @param w [V, Hd] weights (the target embedding table when tied)
   * @param b [V] bias
   * @param gw gradient of w
   * @param gb gradient of b
   */
  public OutputLayer(INDArray w, INDArray b, INDArray gw, INDArray gb) {
    this(w, b, gw, gb, null, null);
  }

  /**
   * An output projection that also reads a per-sentence context: {@code logits = x W^T + b + ctx
   * C^T}, where the context term is constant over a sentence's steps (see {@link #rowBias}).
   *
   * @param c [V, Hc] context weights, or null for none
   * @param gc gradient of c (null when c is)
   */
  public OutputLayer(INDArray w, INDArray b, INDArray gw, INDArray gb, INDArray c,
      INDArray gc) {
    this.w = w;
    this.b = b;
    this.gw = gw;
    this.gb = gb;
    this.c = c;
    this.gc = gc;
    this.vocabulary = (int) w.size(0);
    this.width = (int) w.size(1);
    if ((c == null) != (gc == null) || (c != null && c.size(0) != vocabulary)) {
      throw new IllegalArgumentException("context weights must be [" + vocabulary + ", Hc]"
          + " with a gradient");
    }
  }

  /**
   * logits += x W^T (the bias already in place, e.g. from {@link #bias} or {@link #rowBias}).
   *
   * @param x [n, Hd]
   * @param wT a transposed copy of W [Hd, V] to read instead of W (see {@link
   *     TransposedWeights}: the same result up to rounding, about twice as fast with oneDNN at
   *     decoding's shapes), or null to read W itself; ignored when W has an int8 or bf16 form
   *     (see {@link Int8Weights}, {@link Bf16Weights}), which then does the product
   * @param logits [n, V]
   */
  public void addProduct(MatrixRef x, TransposedWeights wT, MatrixRef logits) {
    addProduct(x, wT, logits, 0, vocabulary);
  }

  /**
   * {@link #addProduct(MatrixRef, TransposedWeights, MatrixRef)} for the logit columns [from,
   * to) only: the same arithmetic for each of them (a product over the rows [from, to) of W),
   * so that two threads may each compute a range.
   *
   * @param logits [n, V] (only columns [from, to) are written)
   */
  public void addProduct(MatrixRef x, TransposedWeights wT, MatrixRef logits, int from, int to) {
    if (from < 0 || to > vocabulary || from > to) {
      throw new IllegalArgumentException("columns [" + from + ", " + to + ") outside [0, "
          + vocabulary + ")");
    }
    int n = to - from;
    // one row: its stride is immaterial, and a dense [1, n] output lets oneDNN's bf16 matmul
    // use its fast kernel (for a strided one it falls back to a reference loop)
    int ldc = x.rows() == 1 ? n : logits.ld();
    if (wT != null && !int8Product(x.rows()) && Bf16Weights.of(w) == null) {
      Gemm.gemm(false, false, x.rows(), n, width, 1, x.array(), x.offset(), x.ld(),
          wT.values(), from, vocabulary, 1, logits.array(), logits.offset() + from, ldc);
    } else {
      Gemm.gemm(false, true, x.rows(), n, width, 1, x.array(), x.offset(), x.ld(), w,
          (long) from * width, width, 1, logits.array(), logits.offset() + from, ldc);
    }
  }

  /**
   * Whether {@link #addProduct(MatrixRef, TransposedWeights, MatrixRef, int, int)} of part of
   * the columns for {@code rows} rows runs as fast as the whole: for a product in int8 only
   * where oneDNN's int8 matmul has a fast kernel (the fallback reads all of W, and a range would
   * run as a float product), and with a bf16 form only for one row (oneDNN 2.5's bf16 matmul has no
   * fast kernel for a strided output).
   */
  boolean splitsByColumns(int rows) {
    if (int8Product(rows)) {
      return Int8Weights.of(w).kernel() != null;
    }
    return rows == 1 || Bf16Weights.of(w) == null;
  }

  /**
   * Whether a product of {@code rows} rows runs in int8: W has an int8 form and the CPU's
   * integer kernels pay at that many rows ({@link Int8Weights#worthIt}). Where they do not (a
   * few rows on a CPU without VNNI), the float product runs from the transposed copy like an
   * unquantized model's: with W as a transposed operand oneDNN's sgemm took 43-49 ms of batch-1
   * latency against 33 ms (oneDNN capped at AVX2 on the 2-core {@code AMD EPYC}).
   */
  private boolean int8Product(int rows) {
    return Int8Weights.of(w) != null && Int8Weights.worthIt(rows);
  }

  /** The live weights W [V, Hd] (what {@link TransposedWeights} copies). */
  INDArray weights() {
    return w;
  }

  /** The live bias b [V]. */
  INDArray bias() {
    return b;
  }

  /** The live context weights C [V, Hc], or null without a source context. */
  INDArray contextWeights() {
    return c;
  }

  /** Whether the projection reads a per-sentence context. */
  public boolean hasContext() {
    return c != null;
  }

  /**
   * The per-sentence part of the logits: {@code rowBias = b + ctx C^T}.
   *
   * @param context [n, Hc] one context row per sentence
   * @param ones at least n ones
   * @param rowBias [n, V] output
   */
  public void rowBias(MatrixRef context, INDArray ones, MatrixRef rowBias) {
    int n = context.rows();
    int hc = (int) c.size(1);
    if (context.cols() != hc) {
      throw new IllegalArgumentException("context width " + context.cols() + ", expected " + hc);
    }
    Gemm.gemm(false, false, n, vocabulary, 1, 1, ones, 0, 1, b, 0, vocabulary, 0,
        rowBias.array(), rowBias.offset(), rowBias.ld());
    Gemm.gemm(false, true, n, vocabulary, hc, 1, context.array(), context.offset(), context.ld(),
        c, 0, hc, 1, rowBias.array(), rowBias.offset(), rowBias.ld());
  }

  /**
   * Gradients of the context term from dLoss/dLogits scaled by alpha: the rows of dLogits are
   * summed per sentence into {@code dRowBias} (dLoss/d(rowBias) / alpha), then dC = alpha
   * dRowBias^T ctx (overwritten) and dCtx = alpha dRowBias C (overwritten). The bias gradient
   * stays with {@link #backward}.
   *
   * @param context [n, Hc] the forward pass's context rows
   * @param dLogits [positions, V]
   * @param rowOf [positions] the context row of each position
   * @param dRowBias [n, V] scratch (overwritten)
   * @param dContext [n, Hc] receives dLoss/dContext
   */
  public void backwardContext(MatrixRef context, MatrixRef dLogits, int[] rowOf, double alpha,
      MatrixRef dRowBias, MatrixRef dContext) {
    int n = context.rows();
    int hc = context.cols();
    dRowBias.view().assign(0);
    Rows.scatterAdd(dLogits, rowOf, dRowBias);
    Gemm.gemm(true, false, vocabulary, hc, n, alpha, dRowBias.array(), dRowBias.offset(),
        dRowBias.ld(), context.array(), context.offset(), context.ld(), 0, gc, 0, hc);
    Gemm.gemm(false, false, n, hc, vocabulary, alpha, dRowBias.array(), dRowBias.offset(),
        dRowBias.ld(), c, 0, hc, 0, dContext.array(), dContext.offset(), dContext.ld());
  }

  /** Output vocabulary size V. */
  public int vocabularySize() {
    return vocabulary;
  }

  /** Input width Hd. */
  public int inputSize() {
    return width;
  }

  /**
   * logits = x W^T + b.
   *
   * @param x [n, Hd]
   * @param ones at least n ones (the bias as a rank-1 product)
   * @param logits [n, V] output
   */
  public void forward(MatrixRef x, INDArray ones, MatrixRef logits) {
    bias(x.rows(), ones, logits);
    addProduct(x, null, logits);
  }

  /**
   * logits = b in each of the first n rows, the values of the rank-1 product with the ones: for
   * a few rows copied row by row; for more, where the rows are adjacent, b copied into the first
   * row and the filled rows then doubled by one copy each (log2 n copies; the rank-1 product, a
   * product with k = 1, took 3.7% of int8 decoding at batch 64, 2026-12-07); else that product.
   */
  public void bias(int n, INDArray ones, MatrixRef logits) {
    if (n > 8 && logits.ld() == vocabulary && logits.array().dataType() == b.dataType()) {
      long at = logits.offset();
      NativeMemory.copy(b, 0, logits.array(), at, vocabulary);
      for (long filled = 1; filled < n; filled *= 2) {
        long rows = Math.min(filled, n - filled);
        NativeMemory.copy(logits.array(), at, logits.array(), at + filled * vocabulary,
            rows * vocabulary);
      }
      return;
    }
    if (n <= 8) {
      for (int r = 0; r < n; r++) {
        NativeMemory.copy(b, 0, logits.array(), logits.offset() + (long) r * logits.ld(),
            vocabulary);
      }
      return;
    }
    Gemm.gemm(false, false, n, vocabulary, 1, 1, ones, 0, 1, b, 0, vocabulary, 0,
        logits.array(), logits.offset(), logits.ld());
  }

  /**
   * Gradients from dLoss/dLogits scaled by alpha: dW = alpha dL^T x (added to the current
   * gradient when {@code accumulateWeights}, e.g. when W is shared with an embedding whose
   * gradient comes later; overwritten otherwise), db = alpha sum of rows (overwritten), and dx =
   * alpha dL W (overwritten; skipped when dx is null).
   */
  public void backward(MatrixRef x, MatrixRef dLogits, double alpha, INDArray ones,
      MatrixRef dx, boolean accumulateWeights) {
    int n = x.rows();
    Gemm.gemm(true, false, vocabulary, width, n, alpha, dLogits.array(), dLogits.offset(),
        dLogits.ld(), x.array(), x.offset(), x.ld(), accumulateWeights ? 1 : 0, gw, 0, width);
    Gemm.gemm(false, false, 1, vocabulary, n, alpha, ones, 0, Math.max(1, n),
        dLogits.array(), dLogits.offset(), dLogits.ld(), 0, gb, 0, vocabulary);
    if (dx != null) {
      Gemm.gemm(false, false, n, width, vocabulary, alpha, dLogits.array(), dLogits.offset(),
          dLogits.ld(), w, 0, width, 0, dx.array(), dx.offset(), dx.ld());
    }
  }

  /** Sets the gradients of W, b (and C) to zero (a batch without target positions). */
  public void zeroGradients() {
    gw.assign(0);
    gb.assign(0);
    if (gc != null) {
      gc.assign(0);
    }
  }

  /**
   * Computes the summed negative log-likelihood of the targets under softmax(logits), and
   * optionally turns the logits in place into the gradient {@code softmax - onehot}.
   * Equivalent to {@link #crossEntropy(MatrixRef, int[], int, double[], boolean, INDArray,
   * double, double[])} without label smoothing.
   */
  public static double crossEntropy(MatrixRef logits, int[] targets, int n, double[] logProbs,
      boolean gradient, INDArray scratch) {
    return crossEntropy(logits, targets, n, logProbs, gradient, scratch, 0, null);
  }

  /**
   * Computes the summed negative log-likelihood of the targets under softmax(logits) and the
   * label-smoothed cross-entropy, and optionally turns the logits in place into the gradient of
   * the smoothed one.
   *
   * <p>Label smoothing (Szegedy et al. 2016) trains against the target distribution q = (1 -
   * eps) onehot(y) + eps / V: per row the objective is {@code -(1 - eps) log p_y - (eps / V)
   * sum_j log p_j}, whose gradient with respect to the logits is {@code p - q}. With eps = 0 it
   * is the negative log-likelihood. Since {@code log p_j = (z_j - max) - log S}, the smoothed
   * term needs only one extra row sum of the shifted logits.
   *
   * <p>Numerically stable: each row is shifted by its maximum before exponentiation, and log
   * p(target) = (z_target - max) - log(sum exp(z - max)) never takes the log of a rounded-off
   * probability. Five passes of single ND4J legacy ops (max, shift, exp, sum, divide): about
   * twice as fast here as ND4J's log_softmax custom op followed by exp.
   *
   * @param logits [n, V] contiguous; shifted and exponentiated on return (the gradient when
   *     {@code gradient})
   * @param targets [n] target id per row (entries beyond n ignored)
   * @param logProbs if not null, receives log p(target) of each row
   * @param scratch at least 3n elements of the logits' type (2n without smoothing)
   * @param smoothing eps in [0, 1)
   * @param objective if not null, objective[0] receives the summed smoothed cross-entropy
   * @return sum over rows of -log p(target), whatever the smoothing
   */
  public static double crossEntropy(MatrixRef logits, int[] targets, int n, double[] logProbs,
      boolean gradient, INDArray scratch, double smoothing, double[] objective) {
    if (!(smoothing >= 0 && smoothing < 1)) {
      throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
    }
    if (objective != null) {
      objective[0] = 0;
    }
    if (n == 0) {
      return 0;
    }
    if (logits.ld() != logits.cols()) {
      throw new IllegalArgumentException("logits must be contiguous");
    }
    int v = logits.cols();
    INDArray z = logits.rows(0, n).view();
    for (int p = 0; p < n; p++) {
      int y = targets[p];
      if (y < 0 || y >= v) {
        throw new IllegalArgumentException("target id " + y + " is outside [0, " + v + ")");
      }
    }
    boolean smooth = smoothing > 0;
    if (ArrayOps.logSoftmaxRows(z)) {
      return crossEntropyFromLogSoftmax(logits, z, targets, n, logProbs, gradient, scratch,
          smoothing, objective);
    }
    INDArray rowMax = new MatrixRef(scratch, 0, n, 1, 1).view();
    INDArray rowSum = new MatrixRef(scratch, n, n, 1, 1).view();
    double[] shiftedTarget = new double[n];
    double[] shiftedSums = null;
    try (ElementwiseThreads.Section wide = ElementwiseThreads.wide()) {
      Nd4j.getExecutioner().exec(new Max(z, rowMax.reshape(n), 1));
      z.subiColumnVector(rowMax);
      for (int p = 0; p < n; p++) {
        shiftedTarget[p] = NativeMemory.get(logits.array(), logits.offset() + (long) p * v + targets[p]);
      }
      if (smooth) {
        shiftedSums = rowSums(z, scratch, 2L * n, n);
      }
      Nd4j.exec(new Exp(z, z));
      Nd4j.getExecutioner().exec(new Sum(z, rowSum.reshape(n), 1));
      if (gradient) {
        z.diviColumnVector(rowSum);
      }
    }
    double[] sums = new double[n];
    NativeMemory.read(scratch, n, sums, 0, n);
    double loss = 0;
    double smoothed = 0;
    for (int p = 0; p < n; p++) {
      double logSum = Math.log(sums[p]);
      double lp = shiftedTarget[p] - logSum;
      loss -= lp;
      if (smooth) {
        smoothed += logSum - (1 - smoothing) * shiftedTarget[p] - smoothing * shiftedSums[p] / v;
      }
      if (logProbs != null) {
        logProbs[p] = lp;
      }
    }
    if (objective != null) {
      objective[0] = smooth ? smoothed : loss;
    }
    if (gradient) {
      subtractTargetDistribution(logits, z, targets, n, smoothing);
    }
    return loss;
  }

  /**
   * The sums of the n rows of z, in double, through {@code scratch} at element {@code offset}
   * (n elements). Call it inside an {@link ElementwiseThreads#wide} section (sections do not
   * nest).
   */
  private static double[] rowSums(INDArray z, INDArray scratch, long offset, int n) {
    INDArray sums = new MatrixRef(scratch, offset, n, 1, 1).view();
    Nd4j.getExecutioner().exec(new Sum(z, sums.reshape(n), 1));
    double[] out = new double[n];
    NativeMemory.read(scratch, offset, out, 0, n);
    return out;
  }

  /**
   * Turns the rows' probabilities p (z, the first n rows of logits) into the gradient p - q,
   * with q = (1 - eps) onehot(target) + eps / V.
   */
  private static void subtractTargetDistribution(MatrixRef logits, INDArray z, int[] targets,
      int n, double smoothing) {
    int v = logits.cols();
    if (smoothing > 0) {
      z.subi(smoothing / v);
    }
    double onehot = -(1 - smoothing);
    for (int p = 0; p < n; p++) {
      NativeMemory.add(logits.array(), logits.offset() + (long) p * v + targets[p], onehot);
    }
  }

  /**
   * The rest of {@link #crossEntropy(MatrixRef, int[], int, double[], boolean, INDArray, double,
   * double[])} once the logits' first n rows (logP, a view of them) hold their log-probabilities (oneDNN's logsoftmax, {@link
   * ArrayOps#logSoftmaxRows}): reads log p(target) per row, the row sums of log p for label
   * smoothing, and turns the rows into p - q for the gradient (exp in one more oneDNN call).
   * The same sums as the five single ND4J operations within float rounding ({@code
   * CrossEntropyTest}).
   */
  private static double crossEntropyFromLogSoftmax(MatrixRef logits, INDArray logP,
      int[] targets, int n, double[] logProbs, boolean gradient, INDArray scratch,
      double smoothing, double[] objective) {
    int v = logits.cols();
    boolean smooth = smoothing > 0;
    double[] rowSums = null;
    if (smooth) {
      try (ElementwiseThreads.Section wide = ElementwiseThreads.wide()) {
        rowSums = rowSums(logP, scratch, 0, n);
      }
    }
    double loss = 0;
    double smoothed = 0;
    for (int p = 0; p < n; p++) {
      double lp = NativeMemory.get(logits.array(), logits.offset() + (long) p * v + targets[p]);
      loss -= lp;
      if (smooth) {
        smoothed -= (1 - smoothing) * lp + smoothing * rowSums[p] / v;
      }
      if (logProbs != null) {
        logProbs[p] = lp;
      }
    }
    if (objective != null) {
      objective[0] = smooth ? smoothed : loss;
    }
    if (gradient) {
      ArrayOps.exp(logP);
      subtractTargetDistribution(logits, logP, targets, n, smoothing);
    }
    return loss;
  }
}
