package org.nmt4j.nn.ops;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.quant.Bf16Products;
import org.nmt4j.nn.quant.Bf16Weights;
import org.nmt4j.nn.quant.Int8Weights;
import org.nmt4j.nn.quant.MixedPrecision;

/**
 * Matrix products straight into a native BLAS, on row-major sub-matrices given by an element
 * offset and a leading dimension: float products go to the {@link GemmLibrary} chosen with
 * {@code -Dnmt4j.gemm} (oneDNN's sgemm by default, see {@link DnnlSgemm}), double products
 * always to OpenBLAS. Both libraries come in Maven jars; nothing is looked up on the system.
 *
 * <p>Why not {@code Nd4j.gemm}: it builds a custom op per call (about 0.3 ms of overhead at
 * batch 64, measured) and cannot address a column block of a matrix without a view. Here a gate
 * block of a [in, 4H] weight is simply {@code offset = k*H, ld = 4H}, and the result can be a
 * row range of a preallocated buffer, so the LSTM's per-step products allocate nothing.
 */
public final class Gemm {
  private Gemm() {}

  /** The library float products go to in this process (chosen once, on first use). */
  public static GemmLibrary floatLibrary() {
    return Selected.FLOAT;
  }

  /** The name of the library float products go to, e.g. "oneDNN". */
  public static String floatBackend() {
    return floatLibrary().displayName();
  }

  /** Resolves {@code -Dnmt4j.gemm} and loads the library once. */
  private static final class Selected {
    static final GemmLibrary FLOAT = load(GemmLibrary.configured(),
        System.getProperty(GemmLibrary.PROPERTY) != null);

    private static GemmLibrary load(GemmLibrary wanted, boolean explicit) {
      if (wanted != GemmLibrary.DNNL) {
        return wanted;
      }
      try {
        Loader.load(dnnl.class);
        return GemmLibrary.DNNL;
      } catch (LinkageError e) {
        // no oneDNN natives for this platform in the class path
        if (explicit) {
          throw new IllegalStateException("-D" + GemmLibrary.PROPERTY + "=dnnl: oneDNN could not"
              + " be loaded (" + e.getMessage() + "); -D" + GemmLibrary.PROPERTY
              + "=openblas uses OpenBLAS", e);
        }
        return GemmLibrary.OPENBLAS;
      }
    }
  }

  /**
   * {@code C = alpha * op(A) * op(B) + beta * C}, all row-major; {@code op(A)} is [m, k], {@code
   * op(B)} is [k, n], C is [m, n]. With {@code beta == 0} C is overwritten (its old content,
   * even NaN, is ignored).
   *
   * @param a array holding A at element {@code aOffset}, rows {@code lda} elements apart
   * @param b array holding B at element {@code bOffset}, rows {@code ldb} elements apart
   * @param c array holding C at element {@code cOffset}, rows {@code ldc} elements apart
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      INDArray a, long aOffset, int lda, INDArray b, long bOffset, int ldb, double beta,
      INDArray c, long cOffset, int ldc) {
    gemm(floatLibrary(), transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta,
        c, cOffset, ldc);
  }

  /**
   * {@link #gemm(boolean, boolean, int, int, int, double, INDArray, long, int, INDArray, long,
   * int, double, INDArray, long, int)} with float products on {@code floatLibrary}, whatever
   * the process chose (the tests check every library against a naive product).
   */
  static void gemm(GemmLibrary floatLibrary, boolean transA, boolean transB, int m, int n, int k,
      double alpha, INDArray a, long aOffset, int lda, INDArray b, long bOffset, int ldb,
      double beta, INDArray c, long cOffset, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    DataType type = c.dataType();
    if (a.dataType() != type || b.dataType() != type) {
      throw new IllegalArgumentException(
          "gemm needs one data type, got " + a.dataType() + ", " + b.dataType() + ", " + type);
    }
    if (type == DataType.FLOAT && Int8Weights.multiply(transA, transB, m, n, k, alpha, a, aOffset,
        lda, b, bOffset, ldb, beta, c, cOffset, ldc)) {
      return; // B is the weight matrix of a quantized model: see Int8Weights
    }
    if (type == DataType.FLOAT && Bf16Weights.multiply(transA, transB, m, n, k, alpha, a, aOffset,
        lda, b, bOffset, ldb, beta, c, cOffset, ldc)) {
      return; // B is a weight matrix of a model loaded for bf16 inference: see Bf16Weights
    }
    if (type == DataType.FLOAT && MixedPrecision.bf16() && Bf16Products.worthIt(m, n, k)
        && Bf16Products.multiply(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset,
            ldb, beta, c, cOffset, ldc)) {
      return; // a large product of activations in bf16 training: see MixedPrecision
    }
    int ta = transA ? CblasTrans : CblasNoTrans;
    int tb = transB ? CblasTrans : CblasNoTrans;
    if (type == DataType.FLOAT && floatLibrary == GemmLibrary.DNNL) {
      DnnlSgemm.sgemm(transA, transB, m, n, k, (float) alpha, NativeMemory.floatPointer(a, aOffset),
          lda, NativeMemory.floatPointer(b, bOffset), ldb, (float) beta,
          NativeMemory.floatPointer(c, cOffset), ldc);
    } else if (type == DataType.FLOAT) {
      cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha,
          NativeMemory.floatPointer(a, aOffset), lda, NativeMemory.floatPointer(b, bOffset), ldb,
          (float) beta, NativeMemory.floatPointer(c, cOffset), ldc);
    } else if (type == DataType.DOUBLE) {
      cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha,
          NativeMemory.doublePointer(a, aOffset), lda, NativeMemory.doublePointer(b, bOffset), ldb,
          beta, NativeMemory.doublePointer(c, cOffset), ldc);
    } else {
      throw new IllegalArgumentException("gemm supports FLOAT and DOUBLE, got " + type);
    }
  }

  /**
   * Whole-matrix form for contiguous row-major 2-D arrays: {@code c = alpha op(a) op(b) + beta c}.
   *
   * @param a [m, k] (or [k, m] when transposed)
   * @param b [k, n] (or [n, k] when transposed)
   * @param c [m, n]
   */
  public static void mm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c,
      double alpha, double beta) {
    requireRowMajorMatrix(a, "a");
    requireRowMajorMatrix(b, "b");
    requireRowMajorMatrix(c, "c");
    int m = (int) c.size(0);
    int n = (int) c.size(1);
    int k = (int) (transA ? a.size(0) : a.size(1));
    int am = (int) (transA ? a.size(1) : a.size(0));
    int bk = (int) (transB ? b.size(1) : b.size(0));
    int bn = (int) (transB ? b.size(0) : b.size(1));
    if (am != m || bn != n || bk != k) {
      throw new IllegalArgumentException("gemm shape mismatch: op(a) [" + am + ", " + k
          + "], op(b) [" + bk + ", " + bn + "], c [" + m + ", " + n + "]");
    }
    gemm(transA, transB, m, n, k, alpha, a, 0, (int) Math.max(1, a.size(1)), b, 0,
        (int) Math.max(1, b.size(1)), beta, c, 0, (int) Math.max(1, c.size(1)));
  }

  private static void requireRowMajorMatrix(INDArray x, String name) {
    if (x.rank() != 2) {
      throw new IllegalArgumentException("gemm: " + name + " must be 2-D, got rank " + x.rank());
    }
    boolean rowMajor = x.size(0) <= 1 || x.stride(0) == x.size(1);
    if (!rowMajor || (x.size(1) > 1 && x.stride(1) != 1)) {
      throw new IllegalArgumentException("gemm: " + name + " must be a contiguous row-major matrix");
    }
  }
}
