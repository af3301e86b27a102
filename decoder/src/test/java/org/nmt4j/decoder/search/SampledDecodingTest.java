package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampledDecodingTest {
  private static final int V = 12;
  private static final int[] END_AT = {2, 4, 6, 9, 12, 30};

  private static Hypothesis[] sample(SamplingConfig config, long seed, int[] rows, long[] keys) {
    FakeStepDecoder d = new FakeStepDecoder(V, END_AT.length, seed, END_AT).subset(rows);
    int[] max = new int[rows.length];
    Arrays.fill(max, 25);
    return new SampledDecoding(config)
        .decode(d, new SearchRequest(max, keys, 0, FakeStepDecoder.START, FakeStepDecoder.END));
  }

  @Test
  void sameSeedSameOutputAndRowsAreIndependentOfTheirBatch() {
    SamplingConfig config = new SamplingConfig(1.0, 0, 1.0, 42);
    Hypothesis[] a = sample(config, 1, new int[] {0, 1, 2, 3, 4, 5}, new long[] {0, 1, 2, 3, 4, 5});
    Hypothesis[] b = sample(config, 1, new int[] {0, 1, 2, 3, 4, 5}, new long[] {0, 1, 2, 3, 4, 5});
    // row 4 alone, and rows in another order, keep their keys and so their draws
    Hypothesis[] c = sample(config, 1, new int[] {5, 4}, new long[] {5, 4});
    for (int r = 0; r < 6; r++) {
      assertArrayEquals(a[r].tokens(), b[r].tokens());
      assertEquals(a[r].logProbability(), b[r].logProbability());
    }
    assertArrayEquals(a[5].tokens(), c[0].tokens());
    assertArrayEquals(a[4].tokens(), c[1].tokens());
  }

  @Test
  void anotherSeedOrAnotherRowKeyGivesOtherDraws() {
    int[] rows = {5, 5, 5, 5, 5, 5, 5, 5};
    long[] keys = {0, 1, 2, 3, 4, 5, 6, 7};
    Hypothesis[] s1 = sample(new SamplingConfig(1.5, 0, 1.0, 1), 1, rows, keys);
    Hypothesis[] s2 = sample(new SamplingConfig(1.5, 0, 1.0, 2), 1, rows, keys);
    int differentSeed = 0;
    int differentKey = 0;
    for (int i = 0; i < rows.length; i++) {
      differentSeed += Arrays.equals(s1[i].tokens(), s2[i].tokens()) ? 0 : 1;
      differentKey += Arrays.equals(s1[0].tokens(), s1[i].tokens()) ? 0 : 1;
    }
    assertTrue(differentSeed >= 6, differentSeed + " of 8 differ across seeds");
    assertTrue(differentKey >= 5, differentKey + " of 7 differ across keys");
  }

  @Test
  void temperatureNearZeroEqualsGreedy() {
    int[] rows = {0, 1, 2, 3, 4, 5};
    long[] keys = {10, 11, 12, 13, 14, 15};
    Hypothesis[] cold = sample(new SamplingConfig(1e-4, 0, 1.0, 9), 3, rows, keys);
    FakeStepDecoder d = new FakeStepDecoder(V, rows.length, 3, END_AT);
    int[] max = new int[rows.length];
    Arrays.fill(max, 25);
    Hypothesis[] greedy = new GreedyDecoding().decode(d, SearchRequest.of(max, FakeStepDecoder.START, FakeStepDecoder.END));
    for (int r = 0; r < rows.length; r++) {
      assertArrayEquals(greedy[r].tokens(), cold[r].tokens(), "row " + r);
      assertEquals(greedy[r].logProbability(), cold[r].logProbability(), 1e-9);
    }
  }

  @Test
  void sampledLogProbabilityIsTheModelsNotTheSamplersOne() {
    // the same tokens scored at temperature 1 whatever the sampling temperature
    Hypothesis[] cold = sample(new SamplingConfig(0.01, 3, 0.9, 9), 3, new int[] {2}, new long[] {0});
    Hypothesis[] warm = sample(new SamplingConfig(1e-4, 0, 1.0, 9), 3, new int[] {2}, new long[] {0});
    assertArrayEquals(warm[0].tokens(), cold[0].tokens());
    assertEquals(warm[0].logProbability(), cold[0].logProbability(), 1e-9);
  }

  @Test
  void firstStepDrawsFollowTheSoftmax() {
    // many rows of one sentence: the first token's frequencies approach the softmax
    int n = 20000;
    float[] logits = {0.5f, -1f, Float.NEGATIVE_INFINITY, 0f, 1.2f, 0.3f};
    StepDecoder fixed = new StepDecoder() {
      private int rows = n;

      @Override public int rows() {
        return rows;
      }

      @Override public int vocabularySize() {
        return logits.length;
      }

      @Override public void step(int[] previous, float[] out) {
        for (int r = 0; r < rows; r++) {
          System.arraycopy(logits, 0, out, r * logits.length, logits.length);
        }
      }

      @Override public void retainRows(int[] keep, int count) {
        rows = count;
      }
    };
    int[] max = new int[n];
    Arrays.fill(max, 1);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = i;
    }
    Hypothesis[] h = new SampledDecoding(SamplingConfig.plain(5))
        .decode(fixed, new SearchRequest(max, keys, 0, 2, 3));
    double z = 0;
    for (float x : logits) {
      z += Math.exp(x);
    }
    int[] counts = new int[logits.length];
    for (Hypothesis x : h) {
      counts[x.stop() == Hypothesis.Stop.END_TOKEN ? 3 : x.tokens()[0]]++;
    }
    assertEquals(0, counts[2], "a token of probability 0 was drawn");
    for (int v = 0; v < logits.length; v++) {
      double p = Math.exp(logits[v]) / z;
      double sd = Math.sqrt(n * p * (1 - p));
      assertTrue(Math.abs(counts[v] - n * p) <= 5 * sd + 1,
          "token " + v + ": " + counts[v] + " draws, expected " + n * p);
    }
  }

  @Test
  void configValidationNamesTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SamplingConfig(0, 0, 1, 1));
    assertTrue(e.getMessage().startsWith("--temperature"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, -1, 1, 1));
    assertTrue(e.getMessage().startsWith("--top-k"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, 0, 0, 1));
    assertTrue(e.getMessage().startsWith("--top-p"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, 0, 1.5, 1));
    assertTrue(e.getMessage().startsWith("--top-p"), e.getMessage());
    assertFalse(new SamplingConfig(1, 0, 1, 1).toString().isEmpty());
  }
}
