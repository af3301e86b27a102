package org.nmt4j.nn.quant;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Large float products of two arrays that are not registered weights (in training: the weight
 * gradients {@code dW = X^T dY}, whose operands are both activations) in bf16 with float sums:
 * both operands are converted to dense bf16 for each product ({@code alpha} folded into A's
 * conversion), then one oneDNN matmul primitive with run-time sizes multiplies them, its sum
 * post-op adding {@code beta C} for {@code beta = 1}.
 *
 * <p>Converting both operands costs a pass over each, so only products with many sums per
 * converted element repay it ({@link #worthIt}); per-step products of recurrent layers (a few
 * dozen rows) stay float unless their weight is registered ({@link Bf16Weights}).
 *
 * <p>Thread-safe; each thread converts into its own scratch buffers ({@link ProductScratch}).
 */
public final class Bf16Products {
  /** Smallest dimension of a product worth converting. */
  static final int MIN_DIMENSION = 128;

  private static final int MAX_CONVERSIONS = 4096;
  private static final ConcurrentHashMap<Object, Object> PRIMITIVES = new ConcurrentHashMap<>();
  private static final Object FAILED = new Object();

  private Bf16Products() {}

  /** Whether a product [m, k] x [k, n] is large enough in every dimension to repay conversion. */
  public static boolean worthIt(int m, int n, int k) {
    return m >= MIN_DIMENSION && n >= MIN_DIMENSION && k >= MIN_DIMENSION;
  }

  /**
   * {@code C = alpha op(A) op(B) + beta C} in bf16 for float arrays and {@code beta} 0 or 1.
   *
   * @return whether it did; false (another beta, another type, no kernel here) leaves the product
   *     to the caller
   */
  public static boolean multiply(boolean transA, boolean transB, int m, int n, int k,
      double alpha, INDArray a, long aOffset, int lda, INDArray b, long bOffset, int ldb,
      double beta, INDArray c, long cOffset, int ldc) {
    if ((beta != 0 && beta != 1) || a.dataType() != DataType.FLOAT
        || b.dataType() != DataType.FLOAT || c.dataType() != DataType.FLOAT) {
      return false;
    }
    boolean scaled = alpha != 1;
    Object toA = primitive(new Conversion(m, k, transA ? 1 : lda, transA ? lda : 1, scaled));
    Object toB = primitive(new Conversion(k, n, transB ? 1 : ldb, transB ? ldb : 1, false));
    Object product = primitive(beta != 0);
    if (toA == FAILED || toB == FAILED || product == FAILED) {
      return false;
    }
    ProductScratch scratch = ProductScratch.get();
    BytePointer aB = scratch.buffer(0, (long) m * k * 2);
    BytePointer bB = scratch.buffer(1, (long) k * n * 2);
    stream s = DnnlBf16.stream();
    memory aSrc = new memory(conversionSource(m, k, transA ? 1 : lda, transA ? lda : 1),
        DnnlBf16.engine(), Bf16Matrix.at(a, aOffset));
    memory aDst = new memory(Bf16Matrix.dense(m, k, memory.data_type.bf16), DnnlBf16.engine(),
        aB);
    memory bSrc = new memory(conversionSource(k, n, transB ? 1 : ldb, transB ? ldb : 1),
        DnnlBf16.engine(), Bf16Matrix.at(b, bOffset));
    memory bDst = new memory(Bf16Matrix.dense(k, n, memory.data_type.bf16), DnnlBf16.engine(),
        bB);
    memory out = new memory(new memory.desc(new long[] {m, n}, memory.data_type.f32,
        new long[] {ldc, 1}), DnnlBf16.engine(), Bf16Matrix.at(c, cOffset));
    DnnlHandles.Prim aPrim = (DnnlHandles.Prim) toA;
    DnnlHandles.Prim bPrim = (DnnlHandles.Prim) toB;
    DnnlHandles.Prim pPrim = (DnnlHandles.Prim) product;
    long padBytes = Math.max(aPrim.scratchpad().get_size(), Math.max(
        bPrim.scratchpad().get_size(), pPrim.scratchpad().get_size()));
    DnnlHandles.Address pad = new DnnlHandles.Address();
    pad.at(DnnlHandles.scratchpad(padBytes));
    memory aPad = new memory(aPrim.scratchpad(), DnnlBf16.engine(), pad);
    memory bPad = new memory(bPrim.scratchpad(), DnnlBf16.engine(), pad);
    memory pPad = new memory(pPrim.scratchpad(), DnnlBf16.engine(), pad);
    IntMemoryMap bArgs = new IntMemoryMap();
    IntMemoryMap aArgs = new IntMemoryMap();
    IntMemoryMap args = new IntMemoryMap();
    RuntimeScale scale = scaled ? new RuntimeScale((float) alpha) : null;
    try {
      aArgs.put(dnnl.DNNL_ARG_FROM, aSrc);
      aArgs.put(dnnl.DNNL_ARG_TO, aDst);
      aArgs.put(dnnl.DNNL_ARG_SCRATCHPAD, aPad);
      if (scaled) {
        aArgs.put(dnnl.DNNL_ARG_ATTR_OUTPUT_SCALES, scale.memory());
      }
      aPrim.primitive().execute(s, aArgs);
      bArgs.put(dnnl.DNNL_ARG_FROM, bSrc);
      bArgs.put(dnnl.DNNL_ARG_TO, bDst);
      bArgs.put(dnnl.DNNL_ARG_SCRATCHPAD, bPad);
      bPrim.primitive().execute(s, bArgs);
      args.put(dnnl.DNNL_ARG_SCRATCHPAD, pPad);
      args.put(dnnl.DNNL_ARG_SRC, aDst);
      args.put(dnnl.DNNL_ARG_WEIGHTS, bDst);
      args.put(dnnl.DNNL_ARG_DST, out);
      pPrim.primitive().execute(s, args);
      s._wait();
    } finally {
      if (scale != null) {
        scale.close();
      }
      args.close();
      aArgs.close();
      bArgs.close();
      pPad.close();
      bPad.close();
      aPad.close();
      out.close();
      bDst.close();
      bSrc.close();
      aDst.close();
      aSrc.close();
    }
    return true;
  }

  /** A float [rows, cols] operand with the given strides converted to dense bf16. */
  private record Conversion(int rows, int cols, long rowStride, long columnStride,
      boolean scaled) {}

  private static Object primitive(Object key) {
    Object p = PRIMITIVES.get(key);
    if (p != null) {
      return p;
    }
    if (PRIMITIVES.size() > MAX_CONVERSIONS) {
      PRIMITIVES.clear(); // token counts vary per batch: keep the cache bounded
    }
    return PRIMITIVES.computeIfAbsent(key, Bf16Products::create);
  }

  private static Object create(Object key) {
    try {
      if (key instanceof Conversion cv) {
        primitive_attr attr = new primitive_attr();
        DnnlHandles.userScratchpad(attr);
        if (cv.scaled()) {
          RuntimeScale.declare(attr);
        }
        return DnnlHandles.Prim.of(new reorder.primitive_desc(DnnlBf16.engine(),
            conversionSource(cv.rows(), cv.cols(), cv.rowStride(), cv.columnStride()),
            DnnlBf16.engine(), Bf16Matrix.dense(cv.rows(), cv.cols(), memory.data_type.bf16), attr,
            false));
      }
      boolean accumulate = (Boolean) key;
      long any = dnnl.DNNL_RUNTIME_DIM_VAL;
      primitive_attr attr = new primitive_attr();
      DnnlHandles.userScratchpad(attr);
      if (accumulate) {
        post_ops ops = new post_ops();
        ops.append_sum(1f, memory.data_type.undef);
        attr.set_post_ops(ops);
      }
      return DnnlHandles.Prim.of(new matmul.primitive_desc(new matmul.desc(
          new memory.desc(new long[] {any, any}, memory.data_type.bf16, memory.format_tag.ab),
          new memory.desc(new long[] {any, any}, memory.data_type.bf16, memory.format_tag.ab),
          new memory.desc(new long[] {any, any}, memory.data_type.f32,
              new long[] {any, 1})), attr, DnnlBf16.engine()));
    } catch (RuntimeException e) { // dnnl::error: unimplemented here
      return FAILED;
    }
  }

  private static memory.desc conversionSource(int rows, int cols, long rowStride,
      long columnStride) {
    return new memory.desc(new long[] {rows, cols}, memory.data_type.f32,
        new long[] {rowStride, columnStride});
  }
}
