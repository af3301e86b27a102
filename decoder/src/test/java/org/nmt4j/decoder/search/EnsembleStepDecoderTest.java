package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleStepDecoderTest {
  private static final int V = 12;

  /** log softmax of one fake decoder's row, in double. */
  private static double[] logSoftmax(FakeStepDecoder d, int row, int previous, int step) {
    double[] x = new double[V];
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < V; v++) {
      x[v] = d.logit(row, previous, step, v);
      max = Math.max(max, x[v]);
    }
    double z = 0;
    for (double xv : x) {
      z += Math.exp(xv - max);
    }
    double logZ = max + Math.log(z);
    for (int v = 0; v < V; v++) {
      x[v] -= logZ;
    }
    return x;
  }

  /** Naive reference: one row, greedy on the mean of the members' log-probabilities. */
  private static int[] reference(FakeStepDecoder a, FakeStepDecoder b, int row, int maxLength) {
    List<Integer> out = new ArrayList<>();
    int previous = FakeStepDecoder.START;
    for (int step = 0; ; step++) {
      double[] la = logSoftmax(a, row, previous, step);
      double[] lb = logSoftmax(b, row, previous, step);
      int best = 0;
      for (int v = 1; v < V; v++) {
        if (la[v] + lb[v] > la[best] + lb[best]) {
          best = v;
        }
      }
      if (best == FakeStepDecoder.END) {
        break;
      }
      out.add(best);
      if (out.size() == maxLength) {
        break;
      }
      previous = best;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void stepGivesTheMeanOfTheMembersLogProbabilities() {
    FakeStepDecoder a = new FakeStepDecoder(V, 3, 1, new int[] {40, 40, 40});
    FakeStepDecoder b = new FakeStepDecoder(V, 3, 2, new int[] {40, 40, 40});
    EnsembleStepDecoder e = new EnsembleStepDecoder(List.of(a, b));
    int[] previous = {FakeStepDecoder.START, FakeStepDecoder.START, FakeStepDecoder.START};
    float[] logits = new float[3 * V];
    e.step(previous, logits);
    for (int r = 0; r < 3; r++) {
      double[] la = logSoftmax(a, r, FakeStepDecoder.START, 0);
      double[] lb = logSoftmax(b, r, FakeStepDecoder.START, 0);
      for (int v = 0; v < V; v++) {
        assertEquals((la[v] + lb[v]) / 2, logits[r * V + v], 1e-5, "row " + r + " id " + v);
      }
    }
  }

  @Test
  void batchedGreedyEnsembleEqualsRowByRowReferenceWhileRowsFinish() {
    int rows = 7;
    int[] endAt = {0, 1, 3, 5, 8, 13, 40};
    int[] maxLengths = {10, 10, 10, 4, 10, 20, 30};
    FakeStepDecoder a = new FakeStepDecoder(V, rows, 7, endAt);
    FakeStepDecoder b = new FakeStepDecoder(V, rows, 8, endAt);
    FakeStepDecoder a2 = new FakeStepDecoder(V, rows, 7, endAt);
    FakeStepDecoder b2 = new FakeStepDecoder(V, rows, 8, endAt);
    Hypothesis[] got = new GreedyDecoding().decode(new EnsembleStepDecoder(List.of(a, b)),
        SearchRequest.of(maxLengths, FakeStepDecoder.START, FakeStepDecoder.END));
    for (int r = 0; r < rows; r++) {
      assertArrayEquals(reference(a2, b2, r, maxLengths[r]), got[r].tokens(), "row " + r);
    }
    // finished rows were dropped from both members
    assertEquals(a.rowSteps, b.rowSteps);
  }

  @Test
  void rejectsASingleModelAndMismatchedMembers() {
    FakeStepDecoder a = new FakeStepDecoder(V, 2, 1, new int[] {3, 3});
    assertThrows(IllegalArgumentException.class, () -> new EnsembleStepDecoder(List.of(a)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EnsembleStepDecoder(List.of(a, new FakeStepDecoder(V + 1, 2, 1, new int[] {3, 3}))));
    assertEquals("ensemble member 2 has 2 rows and 13 target ids, member 1 2 and 12",
        e.getMessage());
  }
}
