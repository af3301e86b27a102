package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyDecodingTest {
  private static final int V = 12;

  /** Naive reference: one row, full softmax in double, no compaction. */
  private static Hypothesis reference(FakeStepDecoder d, int row, int maxLength, int minLength) {
    List<Integer> out = new ArrayList<>();
    double logProb = 0;
    int previous = FakeStepDecoder.START;
    for (int step = 0; ; step++) {
      double[] x = new double[d.vocab];
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < d.vocab; v++) {
        x[v] = d.logit(row, previous, step, v);
        max = Math.max(max, x[v]);
      }
      double z = 0;
      for (int v = 0; v < d.vocab; v++) {
        z += Math.exp(x[v] - max);
      }
      int best = -1;
      for (int v = 0; v < d.vocab; v++) {
        boolean allowed = !(v == FakeStepDecoder.END && out.size() < minLength);
        if (allowed && (best < 0 || x[v] > x[best])) {
          best = v;
        }
      }
      logProb += x[best] - max - Math.log(z);
      if (best == FakeStepDecoder.END) {
        return new Hypothesis(toArray(out), logProb, Hypothesis.Stop.END_TOKEN);
      }
      out.add(best);
      if (out.size() == maxLength) {
        return new Hypothesis(toArray(out), logProb, Hypothesis.Stop.MAX_LENGTH);
      }
      previous = best;
    }
  }

  /** Each row's tokens, stop reason and log-probability equal {@link #reference}'s. */
  private static void assertEveryRowMatchesTheReference(FakeStepDecoder d, Hypothesis[] got,
      int[] maxLengths) {
    for (int r = 0; r < got.length; r++) {
      Hypothesis want = reference(d, r, maxLengths[r], 0);
      assertArrayEquals(want.tokens(), got[r].tokens(), "row " + r);
      assertEquals(want.stop(), got[r].stop(), "row " + r);
      assertEquals(want.logProbability(), got[r].logProbability(), 1e-5, "row " + r);
    }
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void batchedGreedyEqualsRowByRowReferenceWhileRowsFinishAtDifferentSteps() {
    int rows = 9;
    int[] endAt = {0, 1, 2, 3, 5, 8, 13, 40, 40};
    int[] maxLengths = {10, 10, 10, 4, 10, 10, 20, 7, 30};
    FakeStepDecoder d = new FakeStepDecoder(V, rows, 7, endAt);
    Hypothesis[] got = new GreedyDecoding().decode(d, SearchRequest.of(maxLengths, FakeStepDecoder.START, FakeStepDecoder.END));
    assertEveryRowMatchesTheReference(d, got, maxLengths);
    // finished rows were dropped: fewer row-steps than rows x steps
    assertTrue(d.retainCalls > 0);
    assertTrue(d.rowSteps < (long) rows * d.stepCalls, d.rowSteps + " row-steps");
    assertEquals(Hypothesis.Stop.END_TOKEN, got[0].stop());
    assertEquals(0, got[0].length());
    assertEquals(Hypothesis.Stop.MAX_LENGTH, got[7].stop());
    assertEquals(7, got[7].length());
  }

  @Test
  void largeStepsWhoseReductionsRunInTwoHalvesEqualTheReference() {
    // 64 rows x 2100 words: above RowSplit's threshold until rows finish, then below it
    int rows = 64;
    int vocab = 2100;
    int[] endAt = new int[rows];
    int[] maxLengths = new int[rows];
    for (int r = 0; r < rows; r++) {
      endAt[r] = r % 7 == 0 ? 1 + r % 5 : 50;
      maxLengths[r] = 6 + r % 4;
    }
    FakeStepDecoder d = new FakeStepDecoder(vocab, rows, 11, endAt);
    Hypothesis[] got = new GreedyDecoding().decode(d, SearchRequest.of(maxLengths, FakeStepDecoder.START, FakeStepDecoder.END));
    assertEveryRowMatchesTheReference(d, got, maxLengths);
    assertTrue(d.retainCalls > 0);
  }

  @Test
  void minimumLengthForbidsTheEndTokenAndGivesAFixedWorkload() {
    int rows = 4;
    FakeStepDecoder d = new FakeStepDecoder(V, rows, 3, new int[] {0, 0, 1, 2});
    int[] max = {6, 6, 6, 6};
    long[] keys = {0, 1, 2, 3};
    Hypothesis[] got = new GreedyDecoding()
        .decode(d, new SearchRequest(max, keys, 6, FakeStepDecoder.START, FakeStepDecoder.END));
    for (int r = 0; r < rows; r++) {
      assertEquals(6, got[r].length());
      assertEquals(Hypothesis.Stop.MAX_LENGTH, got[r].stop());
      Hypothesis want = reference(d, r, 6, 6);
      assertArrayEquals(want.tokens(), got[r].tokens());
      assertEquals(want.logProbability(), got[r].logProbability(), 1e-5);
    }
    assertEquals(6, d.stepCalls);
    assertEquals(0, d.retainCalls);
  }

  @Test
  void withoutScoresTheTokensAreTheSameAndNoNormaliserIsComputed() {
    int rows = 9;
    int[] endAt = {0, 1, 2, 3, 5, 8, 13, 40, 40};
    int[] maxLengths = {10, 10, 10, 4, 10, 10, 20, 7, 30};
    SearchRequest scored = SearchRequest.of(maxLengths, FakeStepDecoder.START, FakeStepDecoder.END);
    assertTrue(scored.scores());
    Hypothesis[] want = new GreedyDecoding().decode(new FakeStepDecoder(V, rows, 7, endAt), scored);
    for (boolean nativeNormalizers : new boolean[] {false, true}) {
      int[] normalizerCalls = new int[1];
      FakeStepDecoder fake = new FakeStepDecoder(V, rows, 7, endAt);
      StepDecoder d = new StepDecoder() {
        @Override public int rows() {
          return fake.rows();
        }

        @Override public int vocabularySize() {
          return fake.vocabularySize();
        }

        @Override public void step(int[] previous, float[] logits) {
          fake.step(previous, logits);
        }

        @Override public boolean computesLogNormalizers() {
          return nativeNormalizers;
        }

        @Override public void logNormalizers(float[] logits, int n, int[] best, float[] max,
            double[] out) {
          normalizerCalls[0]++;
          StepDecoder.super.logNormalizers(logits, n, best, max, out);
        }

        @Override public void retainRows(int[] keep, int count) {
          fake.retainRows(keep, count);
        }
      };
      Hypothesis[] got = new GreedyDecoding().decode(d, scored.withScores(false));
      for (int r = 0; r < rows; r++) {
        assertArrayEquals(want[r].tokens(), got[r].tokens(), "row " + r);
        assertEquals(want[r].stop(), got[r].stop(), "row " + r);
        assertTrue(Double.isNaN(got[r].logProbability()), "row " + r + ": "
            + got[r].logProbability());
      }
      assertEquals(0, normalizerCalls[0], "native normalisers " + nativeNormalizers);
    }
  }

  @Test
  void logProbabilityIsAtMostZeroAndCountsTheEndToken() {
    FakeStepDecoder d = new FakeStepDecoder(V, 1, 5, new int[] {3});
    Hypothesis h = new GreedyDecoding().decode(d, SearchRequest.of(new int[] {50}, FakeStepDecoder.START, FakeStepDecoder.END))[0];
    assertTrue(h.logProbability() < 0);
    assertEquals(h.length() + 1, h.predictions());
  }

  @Test
  void tiedMaximaForbiddenMaximaAndABannedEndTakeTheReferencesToken() {
    // logits from four values, so that a row's maximum is often tied and often at a forbidden
    // id or at the end token while it is banned; the loop's one-pass first maximum must choose
    // as the row-by-row reference does
    int rows = 6;
    int vocab = 150;
    int end = 3;
    int[] forbidden = {0, 7, 11};
    int[] maxLengths = {9, 9, 9, 9, 9, 9};
    StepDecoder tied = new StepDecoder() {
      int live = rows;
      int[] rowOf = {0, 1, 2, 3, 4, 5};
      int step;

      @Override public int rows() {
        return live;
      }

      @Override public int vocabularySize() {
        return vocab;
      }

      @Override public void step(int[] previous, float[] logits) {
        for (int r = 0; r < live; r++) {
          for (int v = 0; v < vocab; v++) {
            logits[r * vocab + v] = tiedLogit(rowOf[r], step, v);
          }
        }
        step++;
      }

      @Override public void retainRows(int[] keep, int count) {
        for (int i = 0; i < count; i++) {
          rowOf[i] = rowOf[keep[i]];
        }
        live = count;
      }
    };
    SearchRequest request = new SearchRequest(maxLengths, new long[] {0, 1, 2, 3, 4, 5}, 4, 1,
        end).forbidding(forbidden);
    Hypothesis[] got = new GreedyDecoding().decode(tied, request);
    for (int r = 0; r < rows; r++) {
      List<Integer> out = new ArrayList<>();
      double logProb = 0;
      Hypothesis.Stop stop = Hypothesis.Stop.MAX_LENGTH;
      for (int step = 0; out.size() < maxLengths[r]; step++) {
        double z = 0;
        for (int v = 0; v < vocab; v++) {
          z += Math.exp(tiedLogit(r, step, v));
        }
        int best = -1;
        for (int v = 0; v < vocab; v++) {
          int id = v;
          boolean allowed = java.util.Arrays.stream(forbidden).noneMatch(f -> f == id)
              && !(v == end && out.size() < 4);
          if (allowed && (best < 0 || tiedLogit(r, step, v) > tiedLogit(r, step, best))) {
            best = v;
          }
        }
        logProb += tiedLogit(r, step, best) - Math.log(z);
        if (best == end) {
          stop = Hypothesis.Stop.END_TOKEN;
          break;
        }
        out.add(best);
      }
      assertArrayEquals(toArray(out), got[r].tokens(), "row " + r);
      assertEquals(stop, got[r].stop(), "row " + r);
      assertEquals(logProb, got[r].logProbability(), 1e-5, "row " + r);
    }
  }

  /** Four distinct values; ids 0, 3 (end), 7 and 11 often hold the largest. */
  private static float tiedLogit(int row, int step, int v) {
    int h = (row * 31 + step * 17 + v * 7) % 13;
    boolean special = v == 0 || v == 3 || v == 7 || v == 11;
    return special && (row + step) % 3 != 2 ? 2f : h % 4 == 0 ? 2f : h % 4 - 1f;
  }

  @Test
  void rowCountMismatchIsRejected() {
    FakeStepDecoder d = new FakeStepDecoder(V, 2, 5, new int[] {3, 3});
    assertThrows(IllegalArgumentException.class,
        () -> new GreedyDecoding().decode(d, SearchRequest.of(new int[] {5}, FakeStepDecoder.START, FakeStepDecoder.END)));
  }

  @Test
  void nonFiniteLogitsStopWithAMessage() {
    StepDecoder broken = new StepDecoder() {
      @Override public int rows() {
        return 1;
      }

      @Override public int vocabularySize() {
        return 5;
      }

      @Override public void step(int[] previous, float[] logits) {
        java.util.Arrays.fill(logits, Float.NaN);
      }

      @Override public void retainRows(int[] keep, int count) {}
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new GreedyDecoding().decode(broken, SearchRequest.of(new int[] {5}, FakeStepDecoder.START, FakeStepDecoder.END)));
    assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
  }

  @Test
  void requestValidationNamesTheProblem() {
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of(new int[] {0}, FakeStepDecoder.START, FakeStepDecoder.END));
    assertThrows(IllegalArgumentException.class,
        () -> new SearchRequest(new int[] {1, 2}, new long[] {1}, 0, 2, 3));
  }
}
