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
 * W are gathered once per batch (into [Hd, S], the layout oneDNN's sgemm reads fastest), and so
 * is each row's bias (with a source context, b + ctx C^T per row, else b).
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
   * @param weights W [V, Hd]
   * @param rowBias every row's bias over the whole vocabulary: [capacity, V], or [1, V] for
   *     the same bias in every row
   * @param capacity rows of the batch
   */
  ShortlistedOutput(int[] columns, INDArray weights, MatrixRef rowBias, int capacity) {
    int v = (int) weights.size(0);
    if (columns.length == 0) {
      throw new IllegalArgumentException("empty shortlist");
    }
    for (int j = 0; j < columns.length; j++) {
      if (columns[j] < 0 || columns[j] >= v || (j > 0 && columns[j] <= columns[j - 1])) {
        throw new IllegalArgumentException("shortlist ids must be ascending, distinct and in [0, "
            + v + "), got " + columns[j] + " at " + j);
      }
    }
    this.columns = columns.clone();
    this.vocabulary = v;
    this.width = (int) weights.size(1);
    int s = columns.length;
    DataType type = rowBias.array().dataType();
    // W's rows of the shortlist, transposed to [Hd, S] in Java
    double[] row = new double[Math.max(v, width)];
    double[] t = new double[width * s];
    for (int j = 0; j < s; j++) {
      NativeMemory.read(weights, (long) this.columns[j] * width, row, 0, width);
      for (int h = 0; h < width; h++) {
        t[h * s + j] = row[h];
      }
    }
    weightsT = Nd4j.create(type, width, s);
    NativeMemory.write(weightsT, 0, t, 0, t.length);
    bias = Nd4j.create(type, capacity, s);
    scores = Nd4j.create(type, capacity, s);
    scratch = Nd4j.create(type, capacity, s);
    double[] picked = new double[s];
    for (int r = 0; r < capacity; r++) {
      if (r < rowBias.rows()) {
        NativeMemory.read(rowBias.array(), rowBias.offset() + (long) r * rowBias.ld(), row, 0, v);
        for (int j = 0; j < s; j++) {
          picked[j] = row[this.columns[j]];
        }
      }
      NativeMemory.write(bias, (long) r * s, picked, 0, s);
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

  /** The shortlisted ids (a copy). */
  int[] columns() {
    return columns.clone();
  }

  /** Sets every logit of the whole buffer [capacity, V] to -infinity (once, at the start). */
  static void clear(INDArray logits) {
    logits.assign(Double.NEGATIVE_INFINITY);
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
