package org.nmt4j.translator.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.model.LossStats;

/**
 * A small model for trainer tests: predicts the target token at position t from the source token
 * at position t alone, p(y | x) = softmax(W[x] + b), with "dropout" that skips the W term with
 * probability 0.2 drawn from the dropout seed. Its loss and gradients are exact, so the trainer's
 * bookkeeping can be tested without the seq2seq model.
 */
final class TinyModel implements TrainableModel {
  static final int VOCAB = 12;
  private final Parameters params;
  int forwardBackwardCalls;

  TinyModel(long seed) {
    params = Parameters.builder(DataType.FLOAT).add("W", VOCAB, VOCAB).add("b", 1, VOCAB).build();
    Random r = new Random(seed);
    float[] init = new float[(int) params.count()];
    for (int i = 0; i < init.length; i++) {
      init[i] = (float) ((r.nextDouble() - 0.5) * 0.2);
    }
    params.flatValues().assign(Nd4j.createFromArray(init).reshape(1, init.length));
  }

  @Override
  public Parameters parameters() {
    return params;
  }

  @Override
  public LossStats forwardBackward(Batch batch, long dropoutSeed) {
    forwardBackwardCalls++;
    return run(batch, new Random(dropoutSeed), true);
  }

  @Override
  public LossStats loss(Batch batch) {
    return run(batch, null, false);
  }

  private LossStats run(Batch batch, Random dropout, boolean backward) {
    float[] w = params.value("W").dup().data().asFloat();
    float[] bias = params.value("b").dup().data().asFloat();
    double[] gw = new double[w.length];
    double[] gb = new double[bias.length];
    double lossSum = 0;
    long tokens = batch.targetTokens();
    double[] p = new double[VOCAB];
    for (int r = 0; r < batch.size(); r++) {
      for (int t = 0; t < batch.targetLengths()[r]; t++) {
        int x = batch.source()[r][Math.min(t, batch.sourceLengths()[r] - 1)];
        int y = batch.targetOutput()[r][t];
        boolean useW = dropout == null || dropout.nextDouble() >= 0.2;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < VOCAB; k++) {
          p[k] = bias[k] + (useW ? w[x * VOCAB + k] : 0);
          max = Math.max(max, p[k]);
        }
        double z = 0;
        for (int k = 0; k < VOCAB; k++) {
          p[k] = Math.exp(p[k] - max);
          z += p[k];
        }
        lossSum -= Math.log(p[y] / z);
        for (int k = 0; k < VOCAB; k++) {
          double d = (p[k] / z - (k == y ? 1 : 0)) / tokens;
          gb[k] += d;
          if (useW) {
            gw[x * VOCAB + k] += d;
          }
        }
      }
    }
    if (backward) {
      params.gradient("W").assign(Nd4j.createFromArray(gw).reshape(VOCAB, VOCAB));
      params.gradient("b").assign(Nd4j.createFromArray(gb).reshape(1, VOCAB));
    }
    return new LossStats(lossSum, tokens);
  }

  /** Pairs whose target token at t is a fixed function of the source token at t. */
  static List<EncodedPair> data(int n, long seed) {
    Random r = new Random(seed);
    List<EncodedPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 2 + r.nextInt(5);
      int[] s = new int[len];
      int[] t = new int[len];
      for (int j = 0; j < len; j++) {
        s[j] = 4 + r.nextInt(VOCAB - 4);
        t[j] = 4 + (s[j] - 4 + 3) % (VOCAB - 4);
      }
      out.add(new EncodedPair(s, t, i));
    }
    return out;
  }
}
