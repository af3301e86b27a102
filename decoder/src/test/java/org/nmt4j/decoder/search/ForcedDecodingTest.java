package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ForcedDecodingTest {
  private static final int V = 10;

  @Test
  void forcedScoreOfAGreedyOutputEqualsItsLogProbability() {
    int[] endAt = {1, 3, 6, 9, 50};
    int[] max = {30, 30, 30, 30, 8};
    FakeStepDecoder d = new FakeStepDecoder(V, endAt.length, 21, endAt);
    Hypothesis[] greedy = new GreedyDecoding().decode(d.subset(0, 1, 2, 3, 4), SearchRequest.of(max, FakeStepDecoder.START, FakeStepDecoder.END));
    int[][] outputs = Arrays.stream(greedy).map(Hypothesis::tokens).toArray(int[][]::new);
    double[] scores = ForcedDecoding.score(d.subset(0, 1, 2, 3, 4), outputs,
        FakeStepDecoder.START, FakeStepDecoder.END);
    for (int r = 0; r < endAt.length; r++) {
      if (greedy[r].stop() == Hypothesis.Stop.END_TOKEN) {
        assertEquals(greedy[r].logProbability(), scores[r], 1e-9, "row " + r);
      } else {
        // the forced score adds the end token the greedy row never emitted
        assertEquals(true, scores[r] < greedy[r].logProbability());
      }
    }
  }

  @Test
  void forcedScoreMatchesADirectSum() {
    FakeStepDecoder d = new FakeStepDecoder(V, 2, 4, new int[] {100, 100});
    int[][] outputs = {{5, 6, 7}, {}};
    double[] got = ForcedDecoding.score(d.subset(0, 1), outputs, 2, 3);
    for (int r = 0; r < 2; r++) {
      double want = 0;
      int previous = 2;
      int[] seq = Arrays.copyOf(outputs[r], outputs[r].length + 1);
      seq[outputs[r].length] = 3;
      for (int t = 0; t < seq.length; t++) {
        double z = 0;
        for (int v = 0; v < V; v++) {
          z += Math.exp(d.logit(r, previous, t, v));
        }
        want += d.logit(r, previous, t, seq[t]) - Math.log(z);
        previous = seq[t];
      }
      assertEquals(want, got[r], 1e-5);
    }
  }

  @Test
  void outOfVocabularyIdsAreRejected() {
    FakeStepDecoder d = new FakeStepDecoder(V, 1, 4, new int[] {3});
    assertThrows(IllegalArgumentException.class,
        () -> ForcedDecoding.score(d, new int[][] {{V}}, 2, 3));
  }
}
