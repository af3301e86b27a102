package org.nmt4j.translator.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nmt4j.nn.Parameters;

/**
 * Adam over all parameters at once, through ND4J's own updater ({@link Adam} and its {@link
 * GradientUpdater}): one native call per step on the flat gradient buffer of {@link Parameters}.
 *
 * <p>ND4J's Adam turns the gradient buffer into the update in place (the bias-corrected step
 * {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)} with {@code t =
 * iteration + 1}), which is then subtracted from the flat value buffer; the gradients are
 * therefore consumed by {@link #step}. The moment estimates live in one state array {@code [1, 2
 * x count]} that a checkpoint saves and {@link #restoreState} loads back.
 */
public final class AdamOptimizer {
  private final Parameters parameters;
  private final Adam adam;
  private final GradientUpdater<?> updater;
  private final INDArray state;

  /**
   * @param parameters the parameters to train (their gradients are read and consumed)
   * @param learningRate initial step size
   * @param beta1 first-moment decay
   * @param beta2 second-moment decay
   * @param epsilon denominator offset
   */
  public AdamOptimizer(
      Parameters parameters, double learningRate, double beta1, double beta2, double epsilon) {
    this.parameters = parameters;
    this.adam = new Adam(learningRate, beta1, beta2, epsilon);
    long n = parameters.count();
    this.state = Nd4j.zeros(parameters.dataType(), 1, adam.stateSize(n));
    this.updater = adam.instantiate(state, true);
  }

  /** The current step size. */
  public double learningRate() {
    return adam.getLearningRate();
  }

  /** Changes the step size for the following steps (the moments are kept). */
  public void setLearningRate(double learningRate) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    }
    adam.setLearningRate(learningRate);
  }

  /**
   * Applies one update from the current gradients.
   *
   * @param iteration number of updates applied before this one (0 for the first), for Adam's
   *     bias correction
   */
  public void step(long iteration) {
    if (iteration < 0 || iteration >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("iteration out of range: " + iteration);
    }
    INDArray g = parameters.flatGradients();
    updater.applyUpdater(g, (int) iteration, 0);
    parameters.flatValues().subi(g);
    parameters.valuesChanged();
  }

  /** The moment estimates as one array [1, 2 x count] (a live view: copy it to keep it). */
  public INDArray state() {
    return state;
  }

  /** Replaces the moment estimates, e.g. from a checkpoint. */
  public void restoreState(INDArray saved) {
    if (saved.length() != state.length()) {
      throw new IllegalArgumentException(
          "optimiser state has " + saved.length() + " values, expected " + state.length());
    }
    state.assign(saved.reshape(state.shape()).castTo(state.dataType()));
  }
}
