package org.nmt4j.translator.train;

import org.nmt4j.nn.Parameters;

/**
 * Clipping by global norm: when the L2 norm of all gradients together exceeds the limit, every
 * gradient is scaled by {@code limit / norm}, so the direction of the step is kept. Counts how
 * often it clipped.
 */
public final class GradientClipper {
  private final double maxNorm;
  private long clipped;

  /** @param maxNorm the largest allowed norm; 0 disables clipping (norms are still measured) */
  public GradientClipper(double maxNorm) {
    if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
      throw new IllegalArgumentException("clip norm must be >= 0, got " + maxNorm);
    }
    this.maxNorm = maxNorm;
  }

  /**
   * Measures and, if needed, clips the gradients in place.
   *
   * @return the norm before clipping (NaN or infinite when the gradients are; then nothing is
   *     scaled)
   */
  public double clip(Parameters parameters) {
    double norm = parameters.gradientNorm();
    double scale = scaleFor(norm);
    if (scale != 1) {
      parameters.flatGradients().muli(scale);
    }
    return norm;
  }

  /**
   * The factor that clips gradients of norm {@code norm} (1 when they need no clipping, or when
   * the norm is NaN or infinite), counted like {@link #clip}; for an optimiser that scales the
   * gradients as it reads them ({@link AdamOptimizer#step(long, double)}).
   */
  public double scaleFor(double norm) {
    if (clips(norm)) {
      clipped++;
      return maxNorm / norm;
    }
    return 1;
  }

  /** Whether a norm measured by {@link #clip} was clipped. */
  public boolean clips(double norm) {
    return maxNorm > 0 && Double.isFinite(norm) && norm > maxNorm;
  }

  /** How many calls clipped so far (including those counted before a restore). */
  public long clippedCount() {
    return clipped;
  }

  /** Sets the count, e.g. from a checkpoint. */
  public void restoreClippedCount(long count) {
    this.clipped = count;
  }
}
