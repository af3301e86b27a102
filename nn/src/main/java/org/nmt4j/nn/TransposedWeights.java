package org.nmt4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A row-major transposed copy [cols, rows] of a weight matrix [rows, cols], for inference
 * products that read the weights transposed, e.g. the output projection {@code x W^T} with W
 * [V, H] stored as PyTorch does: with the copy it becomes {@code x (W^T)}, a product with a
 * non-transposed right operand.
 *
 * <p>Why: oneDNN's sgemm runs [64, 512] x [512, 8000] in 1.26 ms with a non-transposed right
 * operand against 2.82 ms with a transposed one (measured on the 2-core AVX-512 machine); the
 * output projection is the largest product of a decoding step.
 *
 * <p>Like {@link org.nmt4j.nn.recurrent.InputProjection}, the copy remembers the weights it was
 * made from (a snapshot: memory twice the weights' size in all): {@link #isCurrent} compares the
 * live weights with the snapshot through a {@link WeightCheck} (bit for bit after any announced
 * write, a sample otherwise), so a copy is never used after training changed the weights.
 * Immutable once built; any number of threads may read it.
 */
public final class TransposedWeights {
  private final INDArray source;
  private final INDArray snapshot;
  private final INDArray transposed;
  private final WeightCheck check;

  private TransposedWeights(INDArray w) {
    if (w.rank() != 2 || w.ordering() != 'c' || w.stride(1) != 1 || w.stride(0) != w.size(1)) {
      throw new IllegalArgumentException("weights must be a contiguous row-major matrix, got "
          + w.shapeInfoToString());
    }
    this.source = w;
    this.snapshot = w.dup('c');
    this.transposed = snapshot.transpose().dup('c');
    this.check = new WeightCheck(new INDArray[] {w}, new INDArray[] {snapshot});
  }

  /**
   * Copies {@code w} transposed.
   *
   * @param w [rows, cols] the live weights, contiguous row-major (a parameter view)
   */
  public static TransposedWeights of(INDArray w) {
    return new TransposedWeights(w);
  }

  /** The transposed copy: [cols, rows], row-major and contiguous. */
  public INDArray values() {
    return transposed;
  }

  /**
   * Whether this copy was made from {@code w} and {@code w} has not changed since (bitwise
   * after any write announced through {@link Parameters#valuesChanged()}; see {@link
   * WeightCheck}).
   */
  public boolean isCurrent(INDArray w) {
    return w == source && check.isCurrent();
  }
}
