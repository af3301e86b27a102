package org.nmt4j.nn.ops.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;

import org.bytedeco.dnnl.logsoftmax_forward;

/**
 * Row-wise log-softmax of a dense float matrix on oneDNN's logsoftmax primitive: {@code
 * dst[r, j] = src[r, j] - max_r - log(sum_k exp(src[r, k] - max_r))}, each row shifted by its
 * own maximum, so no exponent overflows and no log is taken of a rounded-off probability.
 *
 * <p>Why: the training loss needs the log-probabilities of every position's row of logits
 * ([positions, V], about 900 x 8,000 floats at the standard batch). As single ND4J ops (row
 * maximum, shift, exp, row sum) that was five passes over the matrix, with libnd4j's scalar
 * {@code expf} and a slow row-maximum reduction: about 34 ms per training step on the 2-core
 * build machine. oneDNN's kernel, generated for the CPU found, does it in one call (with {@link
 * Eltwise#EXP} for the probabilities, about 3.5 ms on two threads at that shape).
 *
 * <p>One primitive per shape, created on first use and shared by all threads; each thread binds
 * its own argument memories ({@link PrimitiveCache}). The primitive needs no scratchpad.
 */
public final class LogSoftmax {
  /** Primitives keyed by shape ({@link PrimitiveCache#shapeKey}). */
  private static final PrimitiveCache CACHE = new PrimitiveCache("logsoftmax", matrix -> {
    logsoftmax_forward.desc d = new logsoftmax_forward.desc(dnnl_forward_inference, matrix, 1);
    logsoftmax_forward.primitive_desc pd = new logsoftmax_forward.primitive_desc(d,
        DnnlRuntime.attributes(null), DnnlRuntime.engine());
    return new logsoftmax_forward(DnnlRuntime.withoutScratchpad(pd, "logsoftmax"));
  }, key -> DnnlRuntime.floatMatrix(PrimitiveCache.rows(key), PrimitiveCache.cols(key)),
      DNNL_ARG_SRC, DNNL_ARG_DST);

  private LogSoftmax() {}

  /**
   * Rows per call. A primitive is compiled for fixed shapes, and a training batch's positions
   * change from batch to batch: calls of at most this many rows keep the primitives to at most
   * {@value #CHUNK_ROWS} per row width, where one per position count would grow without bound
   * over a long run. A chunk of 64 rows of 8,000 words (2 MB) still splits well over the cores.
   */
  public static final int CHUNK_ROWS = 64;

  /**
   * {@code dst = logsoftmax(src)} along each row; {@code src == dst} is allowed.
   *
   * @param src byte address of a dense row-major [rows, cols] float matrix
   * @param dst byte address of a dense row-major [rows, cols] float matrix
   * @param rows at least 1
   * @param cols at least 1
   */
  public static void apply(long src, long dst, int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("logsoftmax of a " + rows + " x " + cols + " matrix");
    }
    inChunks(rows, cols, (offset, r) -> call(r, cols).run(src + offset, dst + offset));
  }

  /**
   * {@code x = exp(x)} on a dense row-major [rows, cols] float matrix ({@link Eltwise#EXP}), in
   * calls of at most {@link #CHUNK_ROWS} rows for the same reason as {@link #apply}.
   *
   * @param x byte address of the matrix
   */
  public static void expRows(long x, int rows, int cols) {
    inChunks(rows, cols, (offset, r) -> Eltwise.EXP.apply(x + offset, x + offset,
        (long) r * cols));
  }

  /** One call on the rows of a chunk: its byte offset in the matrix and its row count. */
  private interface ChunkCall {
    void run(long byteOffset, int rows);
  }

  /** Calls {@code call} on successive chunks of at most {@link #CHUNK_ROWS} rows. */
  private static void inChunks(int rows, int cols, ChunkCall call) {
    long rowBytes = (long) cols * Float.BYTES;
    for (int done = 0; done < rows; done += CHUNK_ROWS) {
      call.run(done * rowBytes, Math.min(CHUNK_ROWS, rows - done));
    }
  }

  private static BoundCall call(int rows, int cols) {
    return CACHE.call(PrimitiveCache.shapeKey(rows, cols));
  }
}
