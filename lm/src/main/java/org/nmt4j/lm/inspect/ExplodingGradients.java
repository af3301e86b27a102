package org.nmt4j.lm.inspect;

import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.lm.model.ChunkBuffers;
import org.nmt4j.lm.model.LmConfig;
import org.nmt4j.lm.model.RecurrentState;
import org.nmt4j.lm.model.RnnLanguageModel;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.recurrent.CellType;
import org.nmt4j.translator.train.GradientClipper;

/**
 * Exploding gradients and what clipping does about them: a short training run of a vanilla-RNN
 * language model whose recurrent weights start large (uniform in [-scale, scale], scale well above
 * 1/sqrt(H)), on a generated token sequence with a long-range rule, once without and once with
 * clipping by global norm, logging the global gradient norm (before clipping) and the loss of
 * every step. Same seed, data and model for both runs; the translator's {@link GradientClipper}.
 * The update is plain gradient descent ({@code w -= lr * g}): Adam divides each step by the
 * gradient's running RMS, which hides an explosion's size, while SGD's step is the gradient
 * itself, as in the classic analyses (Pascanu et al. 2013).
 *
 * <p>The data: tokens 4..11 (8 symbols), {@code s_t = (s_{t-1} + s_{t-3}) mod 8} with one token
 * in ten replaced by a random one.
 */
public final class ExplodingGradients {
  private ExplodingGradients() {}

  /**
   * One run.
   *
   * @param gradientNorms [steps] global gradient norm before clipping
   * @param losses [steps] mean cross-entropy of each step's chunk (NaN once diverged)
   */
  public record Run(double[] gradientNorms, double[] losses) {}

  /** The generated sequence of {@code n} ids. */
  static int[] sequence(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    int[] s = new int[n];
    for (int t = 0; t < n; t++) {
      int v = t < 3 ? r.nextInt(8) : ((s[t - 1] - 4) + (s[t - 3] - 4)) % 8;
      if (r.nextInt(10) == 0) {
        v = r.nextInt(8);
      }
      s[t] = 4 + v;
    }
    return s;
  }

  /**
   * @param clip the clipping norm (0: none)
   * @param steps training steps
   * @param length T, the truncated-BPTT length of each step
   * @param scale initial weight bound
   */
  public static Run train(double clip, int steps, int length, double scale, double learningRate,
      long seed) {
    int batch = 8;
    int hidden = 64;
    LmConfig config = new LmConfig(CellType.RNN, 1, hidden, 16, 0);
    int vocabulary = 12;
    Parameters p = RnnLanguageModel.declare(config, vocabulary, DataType.FLOAT);
    RnnLanguageModel model = new RnnLanguageModel(config, vocabulary, p);
    model.initialise(new InitConfig("uniform", scale, false, false), seed);
    GradientClipper clipper = new GradientClipper(clip);
    int[] data = sequence(batch * (steps * length + 1), seed + 1);
    int stream = steps * length;
    ChunkBuffers buffers = model.newChunkBuffers();
    RecurrentState state = model.zeroState(batch);
    int[] in = new int[length * batch];
    int[] out = new int[length * batch];
    double[] norms = new double[steps];
    double[] losses = new double[steps];
    boolean diverged = false;
    for (int step = 0; step < steps; step++) {
      if (diverged) {
        norms[step] = Double.NaN;
        losses[step] = Double.NaN;
        continue;
      }
      for (int t = 0; t < length; t++) {
        for (int b = 0; b < batch; b++) {
          int pos = b * stream + step * length + t;
          in[t * batch + b] = data[pos];
          out[t * batch + b] = data[pos + 1];
        }
      }
      double loss = buffers.run(in, out, length, batch, null, state, true, null)
          / (length * batch);
      double norm = clipper.clip(p);
      norms[step] = norm;
      losses[step] = loss;
      if (!Double.isFinite(norm) || !Double.isFinite(loss)) {
        diverged = true;
        continue;
      }
      p.flatValues().subi(p.flatGradients().mul(learningRate));
      p.valuesChanged();
    }
    return new Run(norms, losses);
  }
}
