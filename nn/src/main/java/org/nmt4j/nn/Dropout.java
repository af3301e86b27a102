package org.nmt4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.ArrayOps;

/**
 * Inverted dropout: during training each value is zeroed with probability p and the survivors
 * are scaled by 1/(1-p), so nothing changes at inference. The mask comes from a caller-given
 * seeded generator, so a training step is reproducible from its seed.
 */
public final class Dropout {
  private final double p;

  /** @param p probability of zeroing a value, in [0, 1) */
  public Dropout(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
    }
    this.p = p;
  }

  /** The drop probability. */
  public double probability() {
    return p;
  }

  /** Whether this dropout changes anything (p > 0). */
  public boolean active() {
    return p > 0;
  }

  /**
   * Draws a fresh mask and applies it.
   *
   * @param x the input, any contiguous shape
   * @param mask receives the mask (values 0 or 1/(1-p)), same shape as x
   * @param out receives x * mask, same shape (may be x itself)
   */
  public void forward(INDArray x, INDArray mask, INDArray out, Random rng) {
    Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - p), rng);
    ArrayOps.scale(mask, 1 / (1 - p));
    ArrayOps.mul(x, mask, out);
  }

  /** dx = dOut * mask, with the mask of the matching {@link #forward}. dx may be dOut itself. */
  public void backward(INDArray dOut, INDArray mask, INDArray dx) {
    ArrayOps.mul(dOut, mask, dx);
  }
}
