package org.nmt4j.translator.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.Halves;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * Adam over all parameters at once, on the flat value and gradient buffers of {@link
 * Parameters}: ND4J's Adam ({@link Adam}: the bias-corrected step {@code lr * sqrt(1 - beta2^t) /
 * (1 - beta1^t) * m / (sqrt(v) + epsilon)} with {@code t = iteration + 1}), computed in one fused
 * pass together with the clipping scale of the gradients and the subtraction from the values.
 *
 * <p>Why the pass is hand-written: ND4J has the update only as three whole-model passes (scale
 * the gradients, its adam_updater op, subtract the update from the values): 82 ms together for
 * the 23.4M parameters of the benchmark model (67 ms of it adam_updater), against 26 ms for this
 * loop over the two halves of the buffers on two cores (measured side by side in one scratch
 * program on the 2-core Intel AVX-512 machine; four buffers read and three written, once; the
 * loop now runs over chunks copied into Java arrays, see {@link #updateFloats}). ND4J's updater
 * stays as the reference ({@link
 * #stepThroughNd4j}, tests compare the two) and as the path for buffers over 2^31 bytes.
 *
 * <p>The moment estimates live in one state array {@code [1, 2 x count]} laid out as ND4J's
 * updater lays it out (first moments, then second moments), which a checkpoint saves and {@link
 * #restoreState} loads back. The gradients are left as they were.
 */
public final class AdamOptimizer {
  private final Parameters parameters;
  private final Adam adam;
  private final GradientUpdater<?> updater;
  private final INDArray state;
  private final long count;

  /**
   * @param parameters the parameters to train (their gradients are read, not changed)
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
    this.count = n;
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
    step(iteration, 1.0);
  }

  /**
   * Applies one update from the current gradients times {@code gradientScale} (the clipping
   * factor, see {@link GradientClipper#scaleFor}); the gradient buffer is not changed.
   *
   * @param iteration number of updates applied before this one (0 for the first), for Adam's
   *     bias correction
   * @param gradientScale the factor every gradient is multiplied by first (1 for none)
   */
  public void step(long iteration, double gradientScale) {
    checkIteration(iteration);
    long bytes = 2 * count * parameters.flatValues().data().getElementSize();
    if (bytes > Integer.MAX_VALUE) {
      stepThroughNd4j(iteration, gradientScale);
      return;
    }
    int n = (int) count;
    int t = (int) iteration + 1;
    // as ND4J computes it: the bias corrections in the element type
    INDArray values = parameters.flatValues();
    INDArray gradients = parameters.flatGradients();
    if (values.dataType() == DataType.FLOAT) {
      float b1 = (float) adam.getBeta1();
      float b2 = (float) adam.getBeta2();
      float eps = (float) adam.getEpsilon();
      float lr = (float) adam.getLearningRate(0, 0);
      // libnd4j: lr * sqrt(1. - beta2^t) / (1.0 - beta1^t), powers in float, the rest in double
      float alpha = (float) (lr * Math.sqrt(1.0 - (float) Math.pow(b2, t))
          / (1.0 - (float) Math.pow(b1, t)));
      float scale = (float) gradientScale;
      FloatBuffer w = NativeMemory.floatBuffer(values, 0, n);
      FloatBuffer g = NativeMemory.floatBuffer(gradients, 0, n);
      FloatBuffer m = NativeMemory.floatBuffer(state, 0, n);
      FloatBuffer v = NativeMemory.floatBuffer(state, n, n);
      Halves.run(Halves.worthIt(n), half -> updateFloats(w, g, m, v, Halves.start(half, n),
          Halves.end(half, n), scale, b1, b2, alpha, eps));
    } else {
      double b1 = adam.getBeta1();
      double b2 = adam.getBeta2();
      double eps = adam.getEpsilon();
      double alpha = adam.getLearningRate(0, 0) * Math.sqrt(1 - Math.pow(b2, t))
          / (1 - Math.pow(b1, t));
      DoubleBuffer w = NativeMemory.doubleBuffer(values, 0, n);
      DoubleBuffer g = NativeMemory.doubleBuffer(gradients, 0, n);
      DoubleBuffer m = NativeMemory.doubleBuffer(state, 0, n);
      DoubleBuffer v = NativeMemory.doubleBuffer(state, n, n);
      Halves.run(Halves.worthIt(n), half -> updateDoubles(w, g, m, v, Halves.start(half, n),
          Halves.end(half, n), gradientScale, b1, b2, alpha, eps));
    }
    parameters.valuesChanged();
  }

  /** Elements per chunk of {@link #updateFloats}: four 64 KB arrays, within a core's L2. */
  static final int CHUNK = 16384;

  /** Each thread's chunk arrays (values, gradients, first and second moments). */
  private static final ThreadLocal<float[][]> CHUNKS =
      ThreadLocal.withInitial(() -> new float[4][CHUNK]);

  /**
   * The fused update of elements [from, to), float, a chunk at a time: each chunk of the four
   * native buffers is copied into Java arrays, updated there and copied back. HotSpot's C2 turns
   * the loop over arrays into SIMD code but leaves a loop over the native buffers themselves
   * scalar; with the copies the whole pass took 24-28 ms instead of 31-37 ms for the 23.4M
   * parameters of the benchmark model on two cores of an AMD EPYC (Zen 4; scratch program, both
   * halves side by side as here), the same arithmetic in the same order.
   */
  private static void updateFloats(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v,
      int from, int to, float scale, float b1, float b2, float alpha, float eps) {
    float[][] chunk = CHUNKS.get();
    float[] cw = chunk[0];
    float[] cg = chunk[1];
    float[] cm = chunk[2];
    float[] cv = chunk[3];
    for (int start = from; start < to; start += CHUNK) {
      int len = Math.min(CHUNK, to - start);
      w.get(start, cw, 0, len);
      g.get(start, cg, 0, len);
      m.get(start, cm, 0, len);
      v.get(start, cv, 0, len);
      updateChunk(cw, cg, cm, cv, len, scale, b1, b2, alpha, eps);
      w.put(start, cw, 0, len);
      m.put(start, cm, 0, len);
      v.put(start, cv, 0, len);
    }
  }

  /** The update of elements [0, len) of arrays: Adam's moments, then the step. */
  private static void updateChunk(float[] w, float[] g, float[] m, float[] v, int len,
      float scale, float b1, float b2, float alpha, float eps) {
    float c1 = 1f - b1;
    float c2 = 1f - b2;
    for (int i = 0; i < len; i++) {
      float gi = g[i] * scale;
      float mi = b1 * m[i] + gi * c1;
      float vi = b2 * v[i] + gi * gi * c2;
      m[i] = mi;
      v[i] = vi;
      w[i] = w[i] - mi * alpha / ((float) Math.sqrt(vi) + eps);
    }
  }

  /** The fused update of elements [from, to), double. */
  private static void updateDoubles(DoubleBuffer w, DoubleBuffer g, DoubleBuffer m,
      DoubleBuffer v, int from, int to, double scale, double b1, double b2, double alpha,
      double eps) {
    double c1 = 1 - b1;
    double c2 = 1 - b2;
    for (int i = from; i < to; i++) {
      double gi = g.get(i) * scale;
      double mi = b1 * m.get(i) + gi * c1;
      double vi = b2 * v.get(i) + gi * gi * c2;
      m.put(i, mi);
      v.put(i, vi);
      w.put(i, w.get(i) - mi * alpha / (Math.sqrt(vi) + eps));
    }
  }

  /**
   * The same update through ND4J's updater: the gradients scaled in place, turned into the
   * update in place, and subtracted from the values (so the gradient buffer ends up holding the
   * update). The reference for {@link #step(long, double)}.
   */
  public void stepThroughNd4j(long iteration, double gradientScale) {
    checkIteration(iteration);
    INDArray g = parameters.flatGradients();
    if (gradientScale != 1) {
      g.muli(gradientScale);
    }
    updater.applyUpdater(g, (int) iteration, 0);
    parameters.flatValues().subi(g);
    parameters.valuesChanged();
  }

  private static void checkIteration(long iteration) {
    if (iteration < 0 || iteration >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("iteration out of range: " + iteration);
    }
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
