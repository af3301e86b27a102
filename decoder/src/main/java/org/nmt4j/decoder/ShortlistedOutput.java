package org.nmt4j.decoder;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.NativeMemory;
import org.nmt4j.nn.ops.Rows;

/**
 * The output layer of one decoding batch restricted to a shortlist of target ids (a lexical
 * shortlist, as Marian's {@code --shortlist}): only those S columns of the logits are computed,
 * every other column holds {@code -infinity}, so greedy search, sampling, the repetition rules
 * and the log-normaliser see a distribution over the shortlist alone.
 *
 * <p>Why: the output product [n, Hd] x [Hd, V] is the largest of a decoding step (a third of
 * the arithmetic at the standard size); over S of V columns it costs S/V of that. The S rows of
 * W are gathered once per batch (into [Hd, S], the layout oneDNN's sgemm reads fastest), and each
 * row's bias is computed at the listed ids only (b, plus ctx C^T with a source context: a
 * [capacity, Hc] x [Hc, S] product instead of [capacity, Hc] x [Hc, V]).
 *
 * <p>Shapes: W [V, Hd], logits [capacity, V] row-major; the product runs in the decoder's float
 * type from the float values of W (for an int8 or bf16 model, the values its quantized form was
 * made from or, for a quantized file, dequantized), so a quantized model's shortlisted product
 * is a float product over S columns.
 */
final class ShortlistedOutput {
  private final int[] columns;
  private final int vocabulary;
  private final int width;
  /** W's shortlisted rows, transposed: [Hd, S]. */
  private final INDArray weightsT;
  /** Each row's bias at the shortlisted columns: [capacity, S]. */
  private final INDArray bias;
  /** The shortlisted logits of the step in progress: [capacity, S]. */
  private final INDArray scores;
  private final INDArray scratch;
  /**
   * Float logits: whole rows [capacity, V] built here and written to the logits buffer in one
   * copy. Only the shortlisted columns ever change, so the others keep the -infinity they were
   * filled with, whichever sentence a row holds after a retain. Null for double logits.
   */
  private final float[] rows;
  /** Float logits: {@link #scores} read back, [capacity, S]. */
  private final float[] shortScores;

  /**
   * @param columns the shortlisted target ids, ascending and distinct, within [0, V)
   * @param output the output layer (W [V, Hd], b [V], with a source context C [V, Hc])
   * @param context [capacity, Hc] each row's context where the layer reads one, else null
   * @param capacity rows of the batch
   * @param type the decoder's type (FLOAT or DOUBLE)
   */
  ShortlistedOutput(int[] columns, OutputLayer output, MatrixRef context, int capacity,
      DataType type) {
    int v = output.vocabularySize();
    if (columns.length == 0) {
      throw new IllegalArgumentException("empty shortlist");
    }
    for (int j = 0; j < columns.length; j++) {
      if (columns[j] < 0 || columns[j] >= v || (j > 0 && columns[j] <= columns[j - 1])) {
        throw new IllegalArgumentException("shortlist ids must be ascending, distinct and in [0, "
            + v + "), got " + columns[j] + " at " + j);
      }
    }
    if (output.hasContext() != (context != null)) {
      throw new IllegalArgumentException("the output layer "
          + (output.hasContext() ? "reads a context: give one" : "reads no context"));
    }
    this.columns = columns.clone();
    this.vocabulary = v;
    this.width = output.inputSize();
    int s = columns.length;
    weightsT = rowsTransposed(output.weights(), this.columns, type);
    bias = Nd4j.create(type, capacity, s);
    scores = Nd4j.create(type, capacity, s);
    scratch = Nd4j.create(type, capacity, s);
    // b, then + ctx C^T, in the order OutputLayer.rowBias adds them over the whole vocabulary
    double[] b = new double[v];
    NativeMemory.read(output.bias(), 0, b, 0, v);
    double[] picked = new double[s];
    for (int j = 0; j < s; j++) {
      picked[j] = b[this.columns[j]];
    }
    for (int r = 0; r < capacity; r++) {
      NativeMemory.write(bias, (long) r * s, picked, 0, s);
    }
    if (context != null) {
      INDArray contextT = rowsTransposed(output.contextWeights(), this.columns, type);
      Gemm.gemm(false, false, capacity, s, context.cols(), 1, context.array(), context.offset(),
          context.ld(), contextT, 0, s, 1, bias, 0, s);
    }
    if (type == DataType.FLOAT) {
      rows = new float[capacity * v];
      java.util.Arrays.fill(rows, Float.NEGATIVE_INFINITY);
      shortScores = new float[capacity * s];
    } else {
      rows = null;
      shortScores = null;
    }
  }

  /** Rows {@code ids} of m [V, K], transposed: [K, S], in the decoder's type. */
  private static INDArray rowsTransposed(INDArray m, int[] ids, DataType type) {
    INDArray rows = Nd4j.create(m.dataType(), ids.length, m.size(1));
    Rows.gather(MatrixRef.of(m), ids, MatrixRef.of(rows));
    return rows.transpose().castTo(type).dup('c');
  }

  /** The shortlisted ids (a copy). */
  int[] columns() {
    return columns.clone();
  }

  /**
   * Sets every logit of the buffer [capacity, V] to -infinity, once at the start, where the
   * steps do not write whole rows (double logits).
   */
  void clear(INDArray logits) {
    if (rows == null) {
      logits.assign(Double.NEGATIVE_INFINITY);
    }
  }

  /**
   * The logits of the first n rows at the shortlisted columns: bias + x W_S^T, written into
   * {@code logits} (whose other columns keep their -infinity).
   *
   * @param x [n, Hd] the top layer's output
   * @param logits [capacity, V] buffer, row-major with leading dimension V
   */
  void step(MatrixRef x, INDArray logits) {
    int n = x.rows();
    int s = columns.length;
    NativeMemory.copy(bias, 0, scores, 0, (long) n * s);
    Gemm.gemm(false, false, n, s, width, 1, x.array(), x.offset(), x.ld(), weightsT, 0, s, 1,
        scores, 0, s);
    if (rows != null) {
      NativeMemory.read(scores, 0, shortScores, 0, n * s);
      for (int r = 0; r < n; r++) {
        int in = r * s;
        int out = r * vocabulary;
        for (int j = 0; j < s; j++) {
          rows[out + columns[j]] = shortScores[in + j];
        }
      }
      NativeMemory.write(logits, 0, rows, 0, n * vocabulary);
    } else {
      DoubleBuffer from = NativeMemory.doubleBuffer(scores, 0, n * s);
      DoubleBuffer to = NativeMemory.doubleBuffer(logits, 0, n * vocabulary);
      for (int r = 0; r < n; r++) {
        int in = r * s;
        int out = r * vocabulary;
        for (int j = 0; j < s; j++) {
          to.put(out + columns[j], from.get(in + j));
        }
      }
    }
  }

  /** Keeps the bias rows of the given current rows, in that order (see DecodingState#retain). */
  void keepRows(int[] rows, int batch) {
    int s = columns.length;
    MatrixRef all = new MatrixRef(bias, 0, batch, s, s);
    MatrixRef kept = new MatrixRef(scratch, 0, rows.length, s, s);
    Rows.gather(all, rows, kept);
    Rows.copy(kept, 0, all, 0, rows.length);
  }
}
