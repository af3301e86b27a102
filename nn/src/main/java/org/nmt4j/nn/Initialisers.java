package org.nmt4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.NativeRelease;

/**
 * Weight initialisation under an {@link InitConfig}, drawn from a seeded ND4J generator so
 * that a model is a pure function of its seed.
 */
public final class Initialisers {
  private Initialisers() {}

  /** A new generator; the same seed gives the same sequence of draws. */
  public static Random generator(long seed) {
    return Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  /** Fills {@code x} (any layout, views included) uniformly in [-bound, bound]. */
  public static void uniform(INDArray x, double bound, Random rng) {
    INDArray tmp = Nd4j.create(x.dataType(), x.shape());
    Nd4j.getExecutioner().exec(new UniformDistribution(tmp, -bound, bound), rng);
    x.assign(tmp);
    NativeRelease.free(tmp);
  }

  /** Glorot/Xavier uniform bound for a weight matrix mapping fanIn inputs to fanOut outputs. */
  public static double xavierBound(long fanIn, long fanOut) {
    return Math.sqrt(6.0 / (fanIn + fanOut));
  }

  /**
   * A weight matrix: uniform in [-scale, scale] under "uniform", Xavier under "xavier".
   *
   * @param x the weights (any shape)
   * @param fanIn inputs feeding each output
   * @param fanOut outputs fed by each input
   */
  public static void weights(INDArray x, InitConfig init, long fanIn, long fanOut, Random rng) {
    double bound = "xavier".equals(init.scheme()) ? xavierBound(fanIn, fanOut) : init.scale();
    uniform(x, bound, rng);
  }

  /** A bias: uniform in [-scale, scale] under "uniform" (the classic seq2seq recipe), zero under "xavier". */
  public static void bias(INDArray x, InitConfig init, Random rng) {
    if ("xavier".equals(init.scheme())) {
      x.assign(0);
    } else {
      uniform(x, init.scale(), rng);
    }
  }

  /**
   * An embedding table [rows, dim]: uniform in [-scale, scale] under "uniform"; under "xavier"
   * uniform with variance 1/dim (bound sqrt(3/dim)), so that an embedded vector has norm about 1
   * whatever the vocabulary size.
   */
  public static void embedding(INDArray table, InitConfig init, Random rng) {
    double bound = "xavier".equals(init.scheme()) ? Math.sqrt(3.0 / table.size(1)) : init.scale();
    uniform(table, bound, rng);
  }
}
