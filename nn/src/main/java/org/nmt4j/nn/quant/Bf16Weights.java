package org.nmt4j.nn.quant;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which weight arrays are multiplied in bf16: {@link org.nmt4j.nn.ops.Gemm} asks here (after
 * {@link Int8Weights}), and a float product whose right operand is such an array, read the way
 * its {@link Bf16Matrix} describes, runs in bf16 instead. A model registers its weight arrays
 * (the parameter views its layers hold) once, when it is loaded for bf16 inference; entries are
 * keyed by the array object's identity and held weakly (see {@link WeightRegistry}).
 *
 * <p>Products that read such an array differently (a transposed read of an input-major matrix,
 * as backpropagation does) stay float: bf16 models are for inference only.
 */
public final class Bf16Weights {
  private static final WeightRegistry<Bf16Matrix> MATRICES = new WeightRegistry<>();

  private Bf16Weights() {}

  /**
   * Makes the inference products that read {@code weights} run in bf16.
   *
   * @param weights a float parameter of shape {@link Bf16Matrix#shape}
   * @throws IllegalStateException when bf16 products cannot run in hardware here (see {@link
   *     DnnlBf16#requireAvailable})
   */
  public static void register(INDArray weights, boolean outputMajor) {
    if (weights.rank() != 2 || weights.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("bf16 products need a 2-D FLOAT weight, got rank "
          + weights.rank() + " " + weights.dataType());
    }
    DnnlBf16.requireAvailable();
    int rows = (int) weights.size(0);
    int cols = (int) weights.size(1);
    MATRICES.put(weights, outputMajor ? new Bf16Matrix(cols, rows, true)
        : new Bf16Matrix(rows, cols, false));
  }

  /** The bf16 form of {@code weights}, or null when it has none. */
  public static Bf16Matrix of(INDArray weights) {
    return MATRICES.get(weights);
  }

  /**
   * Runs {@code C = alpha op(A) op(B) + beta C} in bf16 when B is registered and read the way
   * its matrix describes (input-major: B not transposed, whole rows of it; output-major: B
   * transposed, all of it) and A and C are float, A not transposed.
   *
   * @return whether it did; false leaves the product to the caller
   */
  public static boolean multiply(boolean transA, boolean transB, int m, int n, int k,
      double alpha, INDArray a, long aOffset, int lda, INDArray b, long bOffset, int ldb,
      double beta, INDArray c, long cOffset, int ldc) {
    if (!MATRICES.any() || transA || a.dataType() != DataType.FLOAT
        || c.dataType() != DataType.FLOAT) {
      return false;
    }
    Bf16Matrix w = MATRICES.get(b);
    if (w == null) {
      return false;
    }
    int row0 = WeightReads.firstRow(w.outputMajor(), w.inputs(), w.outputs(), transB, n, k,
        bOffset, ldb);
    if (row0 < 0) {
      return false;
    }
    return w.multiply(m, k, row0, (float) alpha, a, aOffset, lda, (float) beta, c, cOffset, ldc,
        b);
  }
}
