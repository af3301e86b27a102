package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nmt4j.decoder.search.impl.TokenSampler;

/**
 * The repetition rules and per-row minimum lengths in batched step-by-step decoding against a
 * plain reference: one row at a time, the banned n-grams found by scanning the whole output at
 * every step, the penalty applied by scanning the output for distinct tokens, log-probabilities
 * by a double-precision softmax.
 */
class RepetitionRulesTest {
  private static final int[] FORBIDDEN = {0, 1, FakeStepDecoder.START};

  /**
   * One row decoded naively.
   *
   * @param sampler null for greedy
   */
  private static Hypothesis reference(FakeStepDecoder d, int row, int maxLength, int minLength,
      RepetitionRules rules, TokenSampler sampler, SplittableRandom stream) {
    int v = d.vocab;
    List<Integer> out = new ArrayList<>();
    double logProb = 0;
    int previous = FakeStepDecoder.START;
    float penalty = (float) rules.repetitionPenalty();
    for (int step = 0; ; step++) {
      float[] x = new float[v];
      double max = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < v; t++) {
        x[t] = d.logit(row, previous, step, t);
        max = Math.max(max, x[t]);
      }
      double z = 0;
      for (int t = 0; t < v; t++) {
        z += Math.exp(x[t] - max);
      }
      double logNorm = max + Math.log(z);
      float[] y = x.clone();
      for (int t : FORBIDDEN) {
        y[t] = Float.NEGATIVE_INFINITY;
      }
      if (rules.penalizes()) {
        boolean[] done = new boolean[v];
        for (int t : out) {
          if (!done[t]) {
            done[t] = true;
            y[t] = y[t] > 0 ? y[t] / penalty : y[t] * penalty;
          }
        }
      }
      int n = rules.noRepeatNgram();
      int length = out.size();
      if (n > 0 && length >= n - 1) {
        for (int end = n - 1; end < length; end++) {
          boolean same = true;
          for (int i = 0; i < n - 1; i++) {
            same &= out.get(end - (n - 1) + i).equals(out.get(length - (n - 1) + i));
          }
          if (same) {
            y[out.get(end)] = Float.NEGATIVE_INFINITY;
          }
        }
      }
      int banned = length < minLength ? FakeStepDecoder.END : -1;
      boolean any = false;
      float top = Float.NEGATIVE_INFINITY;
      for (int t = 0; t < v; t++) {
        if (t != banned && y[t] != Float.NEGATIVE_INFINITY) {
          any = true;
        }
        top = Math.max(top, y[t]);
      }
      int token;
      if (!any) {
        token = FakeStepDecoder.END;
      } else if (sampler == null) {
        token = -1;
        for (int t = 0; t < v; t++) {
          if (t != banned && (token < 0 || y[t] > y[token])) {
            token = t;
          }
        }
      } else {
        token = sampler.sample(y, 0, top, banned, stream.nextDouble());
      }
      logProb += x[token] - logNorm;
      if (token == FakeStepDecoder.END) {
        return new Hypothesis(ints(out), logProb, Hypothesis.Stop.END_TOKEN);
      }
      out.add(token);
      if (out.size() == maxLength) {
        return new Hypothesis(ints(out), logProb, Hypothesis.Stop.MAX_LENGTH);
      }
      previous = token;
    }
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A batch of rows with mixed maximum and minimum lengths and end steps. */
  private static final class Batch {
    final FakeStepDecoder decoder;
    final SearchRequest request;

    Batch(int vocab, int rows, long seed, RepetitionRules rules) {
      int[] endAt = new int[rows];
      int[] max = new int[rows];
      int[] min = new int[rows];
      long[] keys = new long[rows];
      for (int r = 0; r < rows; r++) {
        endAt[r] = (r * 7) % 25;
        max[r] = 3 + (r * 11) % 37;
        min[r] = r % 3 == 0 ? 0 : (r * 5) % 30;
        keys[r] = 100 + r;
      }
      decoder = new FakeStepDecoder(vocab, rows, seed, endAt);
      request = new SearchRequest(max, keys, 0, FakeStepDecoder.START, FakeStepDecoder.END)
          .forbidding(FORBIDDEN).withMinLengths(min).withRepetition(rules);
    }
  }

  private static void assertGreedyMatches(int vocab, int rows, long seed, RepetitionRules rules) {
    Batch b = new Batch(vocab, rows, seed, rules);
    Hypothesis[] got = new GreedyDecoding().decode(b.decoder, b.request);
    for (int r = 0; r < rows; r++) {
      Hypothesis want = reference(b.decoder, r, b.request.maxLengths()[r],
          b.request.minLengthOf(r), rules, null, null);
      String at = rules + " seed " + seed + " row " + r;
      assertArrayEquals(want.tokens(), got[r].tokens(), at);
      assertEquals(want.stop(), got[r].stop(), at);
      assertEquals(want.logProbability(), got[r].logProbability(), 1e-4, at);
    }
  }

  private static void assertSamplingMatches(int vocab, int rows, long seed, RepetitionRules rules,
      SamplingConfig config) {
    Batch b = new Batch(vocab, rows, seed, rules);
    Hypothesis[] got = new SampledDecoding(config).decode(b.decoder, b.request);
    for (int r = 0; r < rows; r++) {
      SplittableRandom stream = new SplittableRandom(
          SampledDecoding.rowSeed(config.seed(), b.request.rowKeys()[r]));
      Hypothesis want = reference(b.decoder, r, b.request.maxLengths()[r],
          b.request.minLengthOf(r), rules, new TokenSampler(vocab, config), stream);
      String at = rules + " " + config + " row " + r;
      assertArrayEquals(want.tokens(), got[r].tokens(), at);
      assertEquals(want.stop(), got[r].stop(), at);
      assertEquals(want.logProbability(), got[r].logProbability(), 1e-4, at);
    }
  }

  @Test
  void greedyEqualsTheNaiveReferenceOnRandomLogits() {
    // 64 rows of a 2100-word vocabulary: the batched reductions run in two halves
    int[] ngrams = {0, 1, 2, 3, 4};
    double[] penalties = {1.0, 1.3, 2.5, 0.7};
    long seed = 1;
    for (int n : ngrams) {
      for (double p : penalties) {
        assertGreedyMatches(60, 64, seed++, new RepetitionRules(n, p));
      }
    }
    assertGreedyMatches(2100, 64, 99, new RepetitionRules(2, 1.2));
  }

  @Test
  void samplingEqualsTheNaiveReferenceOnRandomLogits() {
    SamplingConfig[] configs = {
      new SamplingConfig(1.0, 0, 1.0, 3),
      new SamplingConfig(0.7, 10, 1.0, 4),
      new SamplingConfig(1.3, 0, 0.8, 5),
      new SamplingConfig(1.0, 20, 0.9, 6)
    };
    long seed = 40;
    for (SamplingConfig c : configs) {
      assertSamplingMatches(60, 64, seed++, new RepetitionRules(0, 1.0), c);
      assertSamplingMatches(60, 64, seed++, new RepetitionRules(2, 1.0), c);
      assertSamplingMatches(60, 64, seed++, new RepetitionRules(0, 1.5), c);
      assertSamplingMatches(60, 64, seed++, new RepetitionRules(3, 1.2), c);
    }
  }

  @Test
  void noOutputRepeatsAnNgramAndFewerRepeatAWordWithThePenalty() {
    Batch plain = new Batch(60, 64, 7, RepetitionRules.NONE);
    Hypothesis[] before = new GreedyDecoding().decode(plain.decoder, plain.request);
    Batch blocked = new Batch(60, 64, 7, new RepetitionRules(2, 1.0));
    Hypothesis[] after = new GreedyDecoding().decode(blocked.decoder, blocked.request);
    int repeatingBefore = 0;
    for (int r = 0; r < 64; r++) {
      repeatingBefore += repeatsBigram(before[r].tokens()) ? 1 : 0;
      assertFalse(repeatsBigram(after[r].tokens()), "row " + r + ": " + Arrays.toString(after[r].tokens()));
    }
    assertTrue(repeatingBefore > 10, repeatingBefore + " rows repeat a bigram without the rule");
    Batch penalized = new Batch(60, 64, 7, new RepetitionRules(0, 3.0));
    Hypothesis[] fewer = new GreedyDecoding().decode(penalized.decoder, penalized.request);
    assertTrue(repeats(fewer) < repeats(before), repeats(fewer) + " >= " + repeats(before));
  }

  @Test
  void perRowMinimumLengthHoldsUnlessTheRowReachesItsMaximum() {
    Batch free = new Batch(60, 64, 8, RepetitionRules.NONE);
    int[] none = new int[64];
    Hypothesis[] unlimited = new GreedyDecoding().decode(free.decoder,
        free.request.withMinLengths(none));
    Batch b = new Batch(60, 64, 8, RepetitionRules.NONE);
    Hypothesis[] got = new GreedyDecoding().decode(b.decoder, b.request);
    int lengthened = 0;
    for (int r = 0; r < 64; r++) {
      int min = Math.min(b.request.minLengthOf(r), b.request.maxLengths()[r]);
      assertTrue(got[r].length() >= min, "row " + r);
      lengthened += unlimited[r].length() < min ? 1 : 0;
    }
    assertTrue(lengthened > 10, lengthened + " rows were shorter than their minimum without it");
  }

  @Test
  void whenTheRulesLeaveNoTokenTheRowEnds() {
    // 8 words, 3 never output: unigram blocking leaves nothing after 4 distinct tokens
    FakeStepDecoder d = new FakeStepDecoder(8, 2, 3, new int[] {50, 50});
    SearchRequest request = new SearchRequest(new int[] {20, 20}, new long[] {0, 1}, 20,
        FakeStepDecoder.START, FakeStepDecoder.END).forbidding(FORBIDDEN)
        .withRepetition(new RepetitionRules(1, 1.0));
    Hypothesis[] got = new GreedyDecoding().decode(d, request);
    for (Hypothesis h : got) {
      assertEquals(4, h.length());
      assertEquals(Hypothesis.Stop.END_TOKEN, h.stop());
      assertEquals(4, Arrays.stream(h.tokens()).distinct().count());
    }
  }

  @Test
  void badValuesAreRejectedNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RepetitionRules(-1, 1.0));
    assertTrue(e.getMessage().contains("--no-repeat-ngram"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RepetitionRules(0, 0.0));
    assertTrue(e.getMessage().contains("--repetition-penalty"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RepetitionRules(0, Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> SearchRequest.of(new int[] {3}, 2, 3).withMinLengths(new int[] {-1}));
    assertThrows(IllegalArgumentException.class,
        () -> SearchRequest.of(new int[] {3}, 2, 3).withMinLengths(new int[] {1, 1}));
  }

  private static boolean repeatsBigram(int[] t) {
    for (int i = 1; i < t.length; i++) {
      for (int j = i + 1; j < t.length; j++) {
        if (t[i - 1] == t[j - 1] && t[i] == t[j]) {
          return true;
        }
      }
    }
    return false;
  }

  private static int repeats(Hypothesis[] hyps) {
    int count = 0;
    for (Hypothesis h : hyps) {
      count += h.tokens().length - (int) Arrays.stream(h.tokens()).distinct().count();
    }
    return count;
  }
}
