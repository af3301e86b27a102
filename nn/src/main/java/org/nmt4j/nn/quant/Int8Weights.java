package org.nmt4j.nn.quant;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which weight arrays have an int8 form: {@link org.nmt4j.nn.ops.Gemm} asks here first, and a
 * float product whose right operand is such an array, read the way its {@link QuantizedMatrix}
 * describes, runs in int8 instead. So the layers need not know whether a model is quantized: a
 * quantized model registers its weight arrays (the parameter views its layers hold) once, when
 * it is loaded.
 *
 * <p>Keyed by the identity of the array object (never by value or address) and held weakly: the
 * entry goes when the model's parameters are no longer referenced, and no other array, even
 * one over the same memory, is ever taken for a quantized one. Products that read such an array
 * differently (a transposed read of an input-major matrix, as backpropagation does) are left to
 * the float path; quantized models are for inference only.
 */
public final class Int8Weights {
  private static final WeightRegistry<QuantizedMatrix> MATRICES = new WeightRegistry<>();

  private Int8Weights() {}

  /**
   * Makes the inference products that read {@code weights} run on {@code q}.
   *
   * @param weights the parameter array the layers pass to the products (its shape must be {@link
   *     QuantizedMatrix#shape})
   */
  public static void register(INDArray weights, QuantizedMatrix q) {
    long[] shape = weights.shape();
    long[] expected = q.shape();
    if (shape.length != 2 || shape[0] != expected[0] || shape[1] != expected[1]) {
      throw new IllegalArgumentException("int8 matrix of shape [" + expected[0] + ", "
          + expected[1] + "] cannot stand for an array of shape "
          + java.util.Arrays.toString(shape));
    }
    DnnlInt8.requireAvailable();
    MATRICES.put(weights, q);
  }

  /** The int8 form of {@code weights}, or null when it has none. */
  public static QuantizedMatrix of(INDArray weights) {
    return MATRICES.get(weights);
  }
  /**
   * Whether a product of {@code m} rows runs in int8: always where the CPU has VNNI; without it
   * (see {@link DnnlInt8#SEVEN_BIT}) only above {@link Int8Block#FEW_ROWS} rows, because there
   * oneDNN's integer kernels for a few rows ran slower than its float ones (batch-1 latency 59.5
   * against 47.7 ms with oneDNN capped at AVX2), so the float product over the dequantized
   * weights, which the parameter arrays hold, does those.
   */
  public static boolean worthIt(int m) {
    return !DnnlInt8.SEVEN_BIT || m > Int8Block.FEW_ROWS;
  }

  /**
   * Runs {@code C = alpha op(A) op(B) + beta C} in int8 when B has an int8 form read the way it
   * describes (input-major: B not transposed, a block of its rows and columns; output-major: B
   * transposed, whole rows of the parameter, i.e. a range of output columns) and A and C are
   * float, A not transposed, and {@link #worthIt} says so.
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
    QuantizedMatrix q = MATRICES.get(b);
    if (q == null || !worthIt(m)) {
      return false;
    }
    WeightReads.Block block = WeightReads.block(q.outputMajor(), q.inputs(), q.outputs(),
        transB, n, k, bOffset, ldb);
    return block != null && q.multiply(m, k, block.row0(), block.col0(), n, (float) alpha, a,
        aOffset, lda, (float) beta, c, cOffset, ldc);
  }
}
