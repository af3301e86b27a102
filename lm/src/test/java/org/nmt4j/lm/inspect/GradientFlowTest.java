package org.nmt4j.lm.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nmt4j.nn.recurrent.CellType;

/**
 * Vanishing gradients through a tanh RNN and their absence through an LSTM's cell state, on the
 * same random task and length; exploding gradients of a large-init RNN tamed by clipping.
 */
class GradientFlowTest {
  @Test
  void theVanillaRnnsGradientAtTheFirstStepIsOrdersOfMagnitudeBelowTheLstms() {
    int length = 100;
    double[] rnn = GradientFlow.norms(CellType.RNN, GradientFlow.Init.UNIFORM, length, 32, 8, 1, 1);
    double[] lstm = GradientFlow.norms(CellType.LSTM, GradientFlow.Init.UNIFORM, length, 32, 8, 1, 1);
    double[] gru = GradientFlow.norms(CellType.GRU, GradientFlow.Init.UNIFORM, length, 32, 8, 1, 1);
    double[] irnn = GradientFlow.norms(CellType.RNN, GradientFlow.Init.IDENTITY, length, 32, 8, 1, 1);
    System.out.printf("dL/dh_t at t = 1, 50, 100: rnn %.3e %.3e %.3e, lstm %.3e %.3e %.3e,"
        + " gru %.3e %.3e %.3e, irnn %.3e %.3e %.3e%n", rnn[0], rnn[49], rnn[99], lstm[0],
        lstm[49], lstm[99], gru[0], gru[49], gru[99], irnn[0], irnn[49], irnn[99]);
    // the last step's gradient is the unit vector u of every row
    assertEquals(1.0, rnn[length - 1], 1e-9);
    assertEquals(1.0, lstm[length - 1], 1e-9);
    assertTrue(rnn[0] < 1e-6 * lstm[0], "rnn " + rnn[0] + " vs lstm " + lstm[0]);
    assertTrue(rnn[0] < 1e-6 * gru[0], "rnn " + rnn[0] + " vs gru " + gru[0]);
    assertTrue(irnn[0] > 1e6 * rnn[0], "identity init " + irnn[0] + " vs uniform " + rnn[0]);
  }

  /**
   * Unclipped, the large-init RNN's training is chaotic: float rounding alone (oneDNN's or
   * ND4J's elementwise kernels, the loss's log-softmax) moved seed 3's mean loss of steps 51-60
   * between 2.8 and 7.9, while the clipped runs stayed at 2.35-2.45. So the claim is checked on
   * the mean over four seeds (unclipped 5.0-6.6 with either kernels, clipped 2.4).
   */
  @Test
  void clippingLetsTheLargeInitRnnLearnWhereTheUnclippedStepWrecksIt() {
    double freeLast = 0;
    double clippedLast = 0;
    int seeds = 4;
    for (long seed = 1; seed <= seeds; seed++) {
      ExplodingGradients.Run free = ExplodingGradients.train(0, 60, 50, 0.4, 1.0, seed);
      ExplodingGradients.Run clipped = ExplodingGradients.train(1, 60, 50, 0.4, 1.0, seed);
      // the gradient explodes from the start: the unclipped first step is 40x the clipped one
      assertTrue(free.gradientNorms()[0] > 10, "first norm " + free.gradientNorms()[0]);
      assertEquals(free.gradientNorms()[0], clipped.gradientNorms()[0], 1e-3);
      freeLast += mean(free.losses(), 50, 60) / seeds;
      clippedLast += mean(clipped.losses(), 50, 60) / seeds;
    }
    System.out.printf("mean loss of steps 51-60 over %d seeds: %.3f without clipping, %.3f with"
        + " clipping at 1%n", seeds, freeLast, clippedLast);
    assertTrue(clippedLast < freeLast - 1.0, clippedLast + " vs " + freeLast);
  }

  private static double mean(double[] a, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += a[i];
    }
    return s / (to - from);
  }
}
