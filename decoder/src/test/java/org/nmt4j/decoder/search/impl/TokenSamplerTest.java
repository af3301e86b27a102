package org.nmt4j.decoder.search.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nmt4j.decoder.search.SamplingConfig;

class TokenSamplerTest {
  /** The prepared distribution as token -> normalised probability. */
  private static TreeMap<Integer, Double> distribution(TokenSampler s) {
    TreeMap<Integer, Double> d = new TreeMap<>();
    for (int j = 0; j < s.count(); j++) {
      if (s.weight(j) > 0) {
        d.put(s.candidate(j), s.weight(j) / s.mass());
      }
    }
    return d;
  }

  private static float max(float[] x) {
    return RowMath.max(x, 0, x.length);
  }

  private static float[] logOf(double... probabilities) {
    float[] x = new float[probabilities.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.log(probabilities[i]);
    }
    return x;
  }

  @Test
  void topKKeepsExactlyTheKLargestWithLowerIdsWinningTies() {
    float[] x = {0.1f, 2.0f, -1f, 2.0f, 0.7f, 1.5f, 2.0f, -3f};
    TokenSampler s = new TokenSampler(x.length, new SamplingConfig(1, 4, 1, 0));
    s.prepare(x, 0, max(x), -1);
    // 2.0 at ids 1, 3, 6, then 1.5 at id 5
    assertEquals(java.util.Set.of(1, 3, 5, 6), distribution(s).keySet());
    TokenSampler k2 = new TokenSampler(x.length, new SamplingConfig(1, 2, 1, 0));
    k2.prepare(x, 0, max(x), -1);
    assertEquals(java.util.Set.of(1, 3), distribution(k2).keySet());
    // renormalised softmax over the kept set
    double z = 2 * Math.exp(2.0);
    assertEquals(Math.exp(2.0) / z, distribution(k2).get(1), 1e-6);
  }

  @Test
  void topKOnRandomRowsMatchesAFullSort() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int v = 5 + random.nextInt(300);
      int k = 1 + random.nextInt(v);
      float[] row = new float[v + 7];
      for (int i = 0; i < row.length; i++) {
        // few distinct values, so ties are common
        row[i] = random.nextInt(9) * 0.5f;
      }
      int offset = 7;
      float[] x = Arrays.copyOfRange(row, offset, row.length);
      Integer[] order = new Integer[v];
      for (int i = 0; i < v; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> x[a] != x[b] ? Float.compare(x[b], x[a]) : Integer.compare(a, b));
      TokenSampler s = new TokenSampler(v, new SamplingConfig(1, k, 1, 0));
      int n = s.prepare(row, offset, max(x), -1);
      assertEquals(k, n);
      int[] kept = new int[k];
      int[] want = new int[k];
      for (int j = 0; j < k; j++) {
        kept[j] = s.candidate(j);
        want[j] = order[j];
      }
      if (k == v) {
        // keeping everything needs no order
        Arrays.sort(kept);
        Arrays.sort(want);
      }
      assertEquals(Arrays.toString(want), Arrays.toString(kept), "trial " + trial);
    }
  }

  @Test
  void topPKeepsTheSmallestPrefixReachingTheMass() {
    // probabilities 0.5 0.25 0.15 0.1 at ids 2 0 3 1
    float[] x = logOf(0.25, 0.1, 0.5, 0.15);
    int[][] expected = {{2}, {2}, {2, 0}, {2, 0}, {2, 0, 3}, {2, 0, 3}, {2, 0, 3, 1}};
    double[] p = {0.3, 0.499, 0.51, 0.749, 0.751, 0.899, 0.901};
    for (int i = 0; i < p.length; i++) {
      TokenSampler s = new TokenSampler(x.length, new SamplingConfig(1, 0, p[i], 0));
      s.prepare(x, 0, max(x), -1);
      int[] kept = new int[s.count()];
      for (int j = 0; j < kept.length; j++) {
        kept[j] = s.candidate(j);
      }
      assertEquals(Arrays.toString(expected[i]), Arrays.toString(kept), "top-p " + p[i]);
      double keptMass = 0;
      for (int id : kept) {
        keptMass += Math.exp(x[id]);
      }
      for (int j = 0; j < kept.length; j++) {
        assertEquals(Math.exp(x[kept[j]]) / keptMass, s.weight(j) / s.mass(), 1e-6);
      }
    }
  }

  @Test
  void topPOverAFlatLargeVocabularyFallsBackToAFullSort() {
    // every weight below the prefilter threshold except the top: the nucleus needs them all
    int v = 5000;
    float[] x = new float[v];
    Arrays.fill(x, -10f);
    x[17] = 0f;
    TokenSampler s = new TokenSampler(v, new SamplingConfig(1, 0, 0.95, 0));
    s.prepare(x, 0, 0f, -1);
    double z = Math.exp(0) + (v - 1) * Math.exp(-10);
    int expectedCount = 1 + (int) Math.ceil((0.95 * z - 1) / Math.exp(-10));
    assertTrue(expectedCount > 3000);
    assertEquals(17, s.candidate(0));
    assertEquals(expectedCount, s.count(), 1);
    // ties in order of id after the top token
    assertEquals(0, s.candidate(1));
    assertEquals(1, s.candidate(2));
  }

  @Test
  void topKThenTopPRenormalisesBetweenThem() {
    float[] x = logOf(0.4, 0.3, 0.2, 0.1);
    // top-2 leaves 0.4/0.7 = 0.571 and 0.3/0.7 = 0.429; top-p 0.5 then keeps id 0 only
    TokenSampler s = new TokenSampler(4, new SamplingConfig(1, 2, 0.5, 0));
    s.prepare(x, 0, max(x), -1);
    assertEquals(1, s.count());
    assertEquals(0, s.candidate(0));
    // top-p 0.6 needs both
    TokenSampler s2 = new TokenSampler(4, new SamplingConfig(1, 2, 0.6, 0));
    s2.prepare(x, 0, max(x), -1);
    assertEquals(2, s2.count());
  }

  @Test
  void temperatureScalesTheLogits() {
    float[] x = {1f, 0f, -0.5f, 2f};
    double t = 0.7;
    TokenSampler s = new TokenSampler(4, new SamplingConfig(t, 0, 1, 0));
    s.prepare(x, 0, max(x), -1);
    double z = 0;
    for (float v : x) {
      z += Math.exp(v / t);
    }
    TreeMap<Integer, Double> d = distribution(s);
    for (int i = 0; i < 4; i++) {
      assertEquals(Math.exp(x[i] / t) / z, d.get(i), 1e-6);
    }
  }

  @Test
  void aBannedTokenIsNeverDrawnEvenWhenItIsTheBest() {
    float[] x = {0f, -2f, -3f, 10f, -1f};
    for (SamplingConfig c : new SamplingConfig[] {
        new SamplingConfig(1, 0, 1, 0), new SamplingConfig(1, 2, 1, 0),
        new SamplingConfig(1, 0, 0.5, 0), new SamplingConfig(1e-5, 0, 1, 0)}) {
      TokenSampler s = new TokenSampler(5, c);
      s.prepare(x, 0, max(x), 3);
      assertTrue(!distribution(s).containsKey(3), c.toString());
      assertTrue(distribution(s).containsKey(0), c.toString());
    }
  }

  @Test
  void nearZeroTemperatureAlwaysDrawsTheArgmax() {
    Random random = new Random(11);
    SplittableRandom uniform = new SplittableRandom(1);
    for (int trial = 0; trial < 300; trial++) {
      float[] x = new float[50];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      float m = max(x);
      int argmax = RowMath.argmax(x, 0, x.length, m, -1);
      TokenSampler s = new TokenSampler(x.length, new SamplingConfig(1e-6, 0, 1, 0));
      assertEquals(argmax, s.sample(x, 0, m, -1, uniform.nextDouble()));
    }
  }

  @Test
  void drawsFollowTheTruncatedDistribution() {
    float[] x = logOf(0.35, 0.05, 0.3, 0.2, 0.1);
    TokenSampler s = new TokenSampler(5, new SamplingConfig(1, 4, 0.8, 0));
    // top-4 drops id 1; of 0.95 left, top-p 0.8 keeps 0.35 0.3 0.2 (0.85/0.95 = 0.89 >= 0.8)
    SplittableRandom uniform = new SplittableRandom(7);
    int n = 40000;
    int[] counts = new int[5];
    for (int i = 0; i < n; i++) {
      counts[s.sample(x, 0, max(x), -1, uniform.nextDouble())]++;
    }
    double[] want = {0.35 / 0.85, 0, 0.3 / 0.85, 0.2 / 0.85, 0};
    for (int v = 0; v < 5; v++) {
      double sd = Math.sqrt(n * want[v] * (1 - want[v]));
      assertTrue(Math.abs(counts[v] - n * want[v]) <= 5 * sd + 1e-9,
          "token " + v + ": " + counts[v] + " vs " + n * want[v]);
    }
  }

  @Test
  void sortKeysOrderByLogitDescendingThenId() {
    float[] values = {Float.NEGATIVE_INFINITY, -3.5f, -0f, 0f, 1e-30f, 2f, Float.MAX_VALUE};
    for (int a = 0; a < values.length; a++) {
      for (int b = 0; b < values.length; b++) {
        long ka = TokenSampler.key(values[a], 5);
        long kb = TokenSampler.key(values[b], 9);
        if (values[a] > values[b]) {
          assertTrue(ka < kb, values[a] + " vs " + values[b]);
        } else if (values[a] == values[b] && Float.floatToIntBits(values[a]) == Float.floatToIntBits(values[b])) {
          assertTrue(ka < kb, "tie broken by id");
        }
      }
    }
  }
}
