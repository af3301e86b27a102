package org.nmt4j.translator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.TransposedWeights;

class AdamOptimizerTest {
  private static final double[] TARGET = {1.5, -2.0, 0.25, 3.0, -0.5};
  private static final double[] CURVATURE = {1.0, 10.0, 0.1, 2.0, 5.0};

  /** Gradient of 0.5 * sum c_i (w_i - t_i)^2, written into the flat gradient buffer. */
  private static void gradient(Parameters p) {
    INDArray w = p.flatValues();
    INDArray g = p.flatGradients();
    for (int i = 0; i < TARGET.length; i++) {
      g.putScalar(0, i, CURVATURE[i] * (w.getDouble(0, i) - TARGET[i]));
    }
  }

  private static Parameters params() {
    Parameters p = Parameters.builder(DataType.DOUBLE).add("a", 2).add("b", 3).build();
    p.flatValues().assign(0.3);
    return p;
  }

  /**
   * Adam as in Kingma and Ba, section 2, in the "more efficient" order the paper gives after
   * Algorithm 1 (bias corrections folded into the step size, epsilon added to sqrt(v)), which is
   * the form ND4J implements; plain doubles.
   */
  private static final class ReferenceAdam {
    final double b1;
    final double b2;
    final double eps;
    final double[] m;
    final double[] v;
    int t;

    ReferenceAdam(int n, double b1, double b2, double eps) {
      this.b1 = b1;
      this.b2 = b2;
      this.eps = eps;
      m = new double[n];
      v = new double[n];
    }

    void step(double[] w, double lr) {
      t++;
      for (int i = 0; i < w.length; i++) {
        double g = CURVATURE[i] * (w[i] - TARGET[i]);
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
      }
    }
  }

  @Test
  void matchesTextbookAdamIncludingLearningRateChanges() {
    Parameters p = params();
    AdamOptimizer adam = new AdamOptimizer(p, 0.05, 0.9, 0.999, 1e-8);
    ReferenceAdam ref = new ReferenceAdam(5, 0.9, 0.999, 1e-8);
    double[] w = new double[5];
    java.util.Arrays.fill(w, 0.3);
    for (int s = 0; s < 200; s++) {
      double lr = s < 100 ? 0.05 : 0.01;
      adam.setLearningRate(lr);
      gradient(p);
      adam.step(s);
      ref.step(w, lr);
      for (int i = 0; i < 5; i++) {
        assertEquals(w[i], p.flatValues().getDouble(0, i), 1e-9, "step " + s + " weight " + i);
      }
    }
    assertEquals(0.01, adam.learningRate());
    for (int i = 0; i < 5; i++) {
      assertEquals(TARGET[i], p.flatValues().getDouble(0, i), 0.05, "converges, weight " + i);
    }
  }

  @Test
  void restoredStateContinuesExactly() {
    Parameters straight = params();
    AdamOptimizer a = new AdamOptimizer(straight, 0.1, 0.9, 0.999, 1e-8);
    Parameters resumed = params();
    AdamOptimizer b = new AdamOptimizer(resumed, 0.1, 0.9, 0.999, 1e-8);
    for (int s = 0; s < 7; s++) {
      gradient(straight);
      a.step(s);
      gradient(resumed);
      b.step(s);
    }
    INDArray savedState = b.state().dup();
    INDArray savedWeights = resumed.flatValues().dup();
    Parameters fresh = params();
    fresh.flatValues().assign(savedWeights);
    AdamOptimizer c = new AdamOptimizer(fresh, 0.1, 0.9, 0.999, 1e-8);
    c.restoreState(savedState);
    for (int s = 7; s < 20; s++) {
      gradient(straight);
      a.step(s);
      gradient(fresh);
      c.step(s);
    }
    assertEquals(0, straight.flatValues().sub(fresh.flatValues()).amaxNumber().doubleValue(), 0.0);
    assertTrue(a.state().length() == 2 * straight.count());
  }

  @Test
  void aStepThatChangesOneWeightMakesCachesDerivedFromTheWeightsStale() {
    Parameters p = Parameters.builder(DataType.FLOAT).add("w", 120, 90).build();
    p.flatValues().assign(Nd4j.rand(DataType.FLOAT, 1, p.count()));
    TransposedWeights t = TransposedWeights.of(p.value("w"));
    assertTrue(t.isCurrent(p.value("w")));
    // one nonzero gradient, between the runs a sampled comparison would look at
    p.flatGradients().putScalar(0, 61 * 90 + 45, 1.0);
    AdamOptimizer adam = new AdamOptimizer(p, 1e-6, 0.9, 0.999, 1e-8);
    adam.step(0);
    assertFalse(t.isCurrent(p.value("w")), "the optimiser changed a weight");
    assertTrue(TransposedWeights.of(p.value("w")).isCurrent(p.value("w")));
  }

  @Test
  void fusedFloatStepMatchesNd4jsUpdaterWithClippingAndKeepsTheGradients() {
    // large enough to be split over two threads; three tensors so that halves cross them
    Parameters fused = Parameters.builder(DataType.FLOAT).add("a", 7).add("b", 300, 200)
        .add("c", 1001).build();
    Parameters reference = Parameters.builder(DataType.FLOAT).add("a", 7).add("b", 300, 200)
        .add("c", 1001).build();
    INDArray w0 = Nd4j.rand(DataType.FLOAT, 1, fused.count()).subi(0.5);
    fused.flatValues().assign(w0);
    reference.flatValues().assign(w0);
    AdamOptimizer f = new AdamOptimizer(fused, 2e-3, 0.9, 0.999, 1e-8);
    AdamOptimizer r = new AdamOptimizer(reference, 2e-3, 0.9, 0.999, 1e-8);
    java.util.Random rng = new java.util.Random(9);
    for (int s = 0; s < 6; s++) {
      float[] gs = new float[(int) fused.count()];
      for (int i = 0; i < gs.length; i++) {
        gs[i] = (float) rng.nextGaussian();
      }
      INDArray g = Nd4j.createFromArray(gs).reshape(1, gs.length);
      if (s == 2) {
        g.putScalar(0, 5, 0f); // a zero gradient: the update is 0 only while m is 0
      }
      fused.flatGradients().assign(g);
      reference.flatGradients().assign(g);
      double scale = s % 2 == 0 ? 1.0 : 0.37; // clipped on odd steps
      f.step(s, scale);
      r.stepThroughNd4j(s, scale);
      assertEquals(0, fused.flatGradients().sub(g).amaxNumber().doubleValue(), 0.0,
          "the fused step leaves the gradients as they were");
      // float rounding: a few ulps of values of order 1, after the 6 steps
      double dw = fused.flatValues().sub(reference.flatValues()).amaxNumber().doubleValue();
      assertTrue(dw < 1e-6, "step " + s + ": max weight difference " + dw);
      double ds = f.state().sub(r.state()).amaxNumber().doubleValue();
      double scaleOfState = r.state().amaxNumber().doubleValue();
      assertTrue(ds <= 1e-6 * scaleOfState, "step " + s + ": max moment difference " + ds);
    }
    assertTrue(fused.flatValues().sub(w0).amaxNumber().doubleValue() > 1e-3, "weights moved");
  }

  @Test
  void fusedDoubleStepMatchesNd4jsUpdater() {
    Parameters fused = params();
    Parameters reference = params();
    AdamOptimizer f = new AdamOptimizer(fused, 0.05, 0.9, 0.999, 1e-8);
    AdamOptimizer r = new AdamOptimizer(reference, 0.05, 0.9, 0.999, 1e-8);
    for (int s = 0; s < 30; s++) {
      gradient(fused);
      gradient(reference);
      f.step(s, 0.5);
      r.stepThroughNd4j(s, 0.5);
      for (int i = 0; i < 5; i++) {
        assertEquals(reference.flatValues().getDouble(0, i), fused.flatValues().getDouble(0, i),
            1e-12, "step " + s + " weight " + i);
      }
    }
  }
}
