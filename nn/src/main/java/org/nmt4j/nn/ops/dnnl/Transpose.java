package org.nmt4j.nn.ops.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;

/**
 * The transpose of a dense float matrix on oneDNN's reorder primitive: {@code dst[j, i] =
 * src[i, j]}, both row-major.
 *
 * <p>Why: backpropagation through time multiplies the gate gradients by the transposed
 * recurrent weights at every step ({@code dh = dGates Wh^T}). oneDNN's sgemm runs that product
 * with a transposed B operand at 73 GFLOP/s on one core of an AMD EPYC (Zen 4) and no faster on
 * two, against 112 and 211 GFLOP/s for the same product from a transposed copy of Wh; the copy,
 * made once per backward pass, costs far less than it saves. oneDNN's reorder kernels are
 * generated for the CPU found and split over the cores, where a copy written here would walk one
 * of the two matrices across its rows. The input gradients ({@code dx = dGates Wx^T}) read
 * transposed copies of the input weights for the same reason: [960, 512] x [512, 512]^T ran at
 * 160-165 GFLOP/s on the two cores, 199-204 from the copy.
 *
 * <p>One primitive per shape, shared by all threads ({@link PrimitiveCache}); it needs no
 * scratchpad.
 */
public final class Transpose {
  /** Primitives keyed by the source's shape ({@link PrimitiveCache#shapeKey}). */
  private static final PrimitiveCache CACHE = PrimitiveCache.perArgument("transpose",
      descs -> {
        reorder.primitive_desc pd = new reorder.primitive_desc(DnnlRuntime.engine(), descs[0],
            DnnlRuntime.engine(), descs[1], DnnlRuntime.attributes(null), false);
        return new reorder(DnnlRuntime.withoutScratchpad(pd, "transpose"));
      },
      key -> {
        long rows = PrimitiveCache.rows(key);
        long cols = PrimitiveCache.cols(key);
        // the destination as the same [rows, cols] matrix stored column by column, which is
        // the row-major [cols, rows] transpose
        return new memory.desc[] {DnnlRuntime.floatMatrix(rows, cols),
            new memory.desc(new long[] {rows, cols}, memory.data_type.f32,
                memory.format_tag.ba)};
      },
      DNNL_ARG_FROM, DNNL_ARG_TO);

  private Transpose() {}

  /**
   * {@code dst = src^T}.
   *
   * @param src byte address of a dense row-major [rows, cols] float matrix
   * @param dst byte address of a dense row-major [cols, rows] float matrix, not overlapping src
   * @param rows at least 1
   * @param cols at least 1
   */
  public static void apply(long src, long dst, int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("transpose of a " + rows + " x " + cols + " matrix");
    }
    CACHE.call(PrimitiveCache.shapeKey(rows, cols)).run(src, dst);
  }
}
