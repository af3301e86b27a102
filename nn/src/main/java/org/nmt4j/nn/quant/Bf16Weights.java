package org.nmt4j.nn.quant;

import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.Parameters;

/**
 * Which weight arrays are multiplied in bf16: {@link org.nmt4j.nn.ops.Gemm} asks here (after
 * {@link Int8Weights}), and a float product whose right operand is such an array runs in bf16
 * instead (see {@link Bf16Matrix}). A model registers its weight arrays (the parameter views its
 * layers hold) once, when it is loaded for bf16 inference or set up for bf16 training; entries
 * are keyed by the array object's identity and held weakly (see {@link WeightRegistry}).
 *
 * <p>Any read of a registered array is served: plain or transposed, whole or a block of it, so
 * that training ({@link #registerTrained}) runs its backpropagation products in bf16 too.
 */
public final class Bf16Weights {
  private static final WeightRegistry<Bf16Matrix> MATRICES = new WeightRegistry<>();
  private static final AtomicLong GENERATION = new AtomicLong();

  private Bf16Weights() {}

  /**
   * Makes the products that read {@code weights} run in bf16, for inference: the weights are
   * converted on their first product and never again.
   *
   * @param weights a 2-D FLOAT parameter
   * @throws IllegalStateException when bf16 products cannot run in hardware here (see {@link
   *     DnnlBf16#requireAvailable})
   */
  public static void register(INDArray weights) {
    register(weights, false);
  }

  /**
   * Makes the products that read {@code weights} run in bf16 while it is trained: its converted
   * forms are renewed on the first product after each {@link #weightsChanged}.
   */
  public static void registerTrained(INDArray weights) {
    register(weights, true);
  }

  private static void register(INDArray weights, boolean trained) {
    if (weights.rank() != 2 || weights.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("bf16 products need a 2-D FLOAT weight, got rank "
          + weights.rank() + " " + weights.dataType());
    }
    DnnlBf16.requireAvailable();
    MATRICES.put(weights, new Bf16Matrix(weights.length(), trained));
  }

  /**
   * Says that trained weights may have changed: their next products convert them again. Writes
   * announced through {@link Parameters#valuesChanged()} (the optimizer's steps, restored or
   * averaged weights) count as well, without this call.
   */
  public static void weightsChanged() {
    GENERATION.incrementAndGet();
  }

  /** The weights' generation: it moves on with every announced write (both counters only grow). */
  private static long generation() {
    return GENERATION.get() + Parameters.valueWrites();
  }

  /** The bf16 form of {@code weights}, or null when it has none. */
  public static Bf16Matrix of(INDArray weights) {
    return MATRICES.get(weights);
  }

  /**
   * Runs {@code C = alpha A op(B) + beta C} in bf16 when B is registered, A and C are float and A
   * is not transposed.
   *
   * @return whether it did; false leaves the product to the caller
   */
  public static boolean multiply(boolean transA, boolean transB, int m, int n, int k,
      double alpha, INDArray a, long aOffset, int lda, INDArray b, long bOffset, int ldb,
      double beta, INDArray c, long cOffset, int ldc) {
    if (!MATRICES.any() || transA || a.dataType() != DataType.FLOAT
        || c.dataType() != DataType.FLOAT || k == 0) {
      return false;
    }
    Bf16Matrix w = MATRICES.get(b);
    if (w == null) {
      return false;
    }
    return w.multiply(m, n, k, (float) alpha, a, aOffset, lda, transB, bOffset, ldb,
        (float) beta, c, cOffset, ldc, b, generation());
  }
}
