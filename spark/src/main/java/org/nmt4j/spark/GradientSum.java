package org.nmt4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * The gradient of a summed objective and its tallies: what a worker returns for its share of a
 * step's batch, and what {@code treeAggregate} adds up.
 *
 * <p>A worker's engine gives the gradient of its share's <em>mean</em> objective; times the
 * share's token count that is the gradient of the share's summed objective. Sums of these over
 * the shares are the gradient of the whole batch's summed objective, which the driver divides by
 * the batch's token count: the one-machine gradient of the same batch, up to float rounding.
 */
final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * [parameters] d(summed objective)/d(parameter), or null for nothing yet; serialized as raw
   * bytes ({@link FloatVectors}).
   */
  private transient float[] gradient;
  private double lossSum;
  private double objectiveSum;
  private long tokens;
  private int shares;

  /** The empty sum (the zero of the aggregation). */
  GradientSum() {}

  /**
   * One share's contribution.
   *
   * @param gradient [parameters] the gradient of the share's summed objective (kept, not copied)
   */
  GradientSum(float[] gradient, double lossSum, double objectiveSum, long tokens) {
    this.gradient = gradient;
    this.lossSum = lossSum;
    this.objectiveSum = objectiveSum;
    this.tokens = tokens;
    this.shares = 1;
  }

  /** Adds {@code other} into this sum and returns this (Spark's aggregation contract). */
  GradientSum add(GradientSum other) {
    if (other.gradient != null) {
      if (gradient == null) {
        gradient = other.gradient;
      } else {
        if (gradient.length != other.gradient.length) {
          throw new IllegalStateException("gradients of " + gradient.length + " and "
              + other.gradient.length + " parameters");
        }
        float[] g = gradient;
        float[] o = other.gradient;
        for (int i = 0; i < g.length; i++) {
          g[i] += o[i];
        }
      }
    }
    lossSum += other.lossSum;
    objectiveSum += other.objectiveSum;
    tokens += other.tokens;
    shares += other.shares;
    return this;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    FloatVectors.write(out, gradient);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    gradient = FloatVectors.read(in);
  }

  /** [parameters] the summed gradient, or null when no share had a batch. */
  float[] gradient() {
    return gradient;
  }

  double lossSum() {
    return lossSum;
  }

  double objectiveSum() {
    return objectiveSum;
  }

  long tokens() {
    return tokens;
  }

  /** How many shares with a batch were added. */
  int shares() {
    return shares;
  }
}
