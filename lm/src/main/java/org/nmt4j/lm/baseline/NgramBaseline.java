package org.nmt4j.lm.baseline;

/**
 * Count-based baselines for a language model's validation loss: the unigram and the bigram model
 * of the training token stream with add-one (Laplace) smoothing over the vocabulary, scored on the
 * same predictions as the neural model (every validation token after the first, the bigram
 * conditioned on the token before it).
 */
public final class NgramBaseline {
  private NgramBaseline() {}

  /**
   * @param unigramNats mean nats per predicted token of the unigram model
   * @param bigramNats mean nats per predicted token of the bigram model
   * @param predictions tokens predicted
   */
  public record Result(double unigramNats, double bigramNats, long predictions) {
    /** Bits per token of the unigram model. */
    public double unigramBits() {
      return unigramNats / Math.log(2);
    }

    /** Bits per token of the bigram model. */
    public double bigramBits() {
      return bigramNats / Math.log(2);
    }
  }

  /**
   * @param train training ids (each in [0, v))
   * @param valid validation ids (at least 2)
   * @param v vocabulary size
   */
  public static Result score(int[] train, int[] valid, int v) {
    long[] uni = new long[v];
    long[][] bi = new long[v][v];
    long[] context = new long[v];
    for (int i = 0; i < train.length; i++) {
      uni[train[i]]++;
      if (i > 0) {
        bi[train[i - 1]][train[i]]++;
        context[train[i - 1]]++;
      }
    }
    double n = train.length;
    double u = 0;
    double b = 0;
    for (int i = 1; i < valid.length; i++) {
      int y = valid[i];
      int x = valid[i - 1];
      u -= Math.log((uni[y] + 1) / (n + v));
      b -= Math.log((bi[x][y] + 1.0) / (context[x] + v));
    }
    long p = valid.length - 1L;
    return new Result(u / p, b / p, p);
  }
}
