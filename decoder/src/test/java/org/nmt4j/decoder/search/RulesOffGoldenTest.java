package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Decoding with every repetition rule off is bit-identical to decoding before the rules existed:
 * the token digests below were computed by this test on the code of the commit before {@link
 * RepetitionRules} (tokens and stop reasons, greedy and sampled, with forbidden tokens and a
 * minimum length, 64 rows of mixed lengths). The full digests add the exact bits of every
 * log-probability; they were recomputed when the log-normaliser became a pairwise float sum of
 * vectorised passes (RowMath.logSumExp; the tokens did not change, the log-probabilities moved
 * by float rounding), and pin the current arithmetic.
 */
class RulesOffGoldenTest {
  private static final int V = 300;
  private static final int ROWS = 64;

  /** Tokens and stops of greedy decoding before the rules existed. */
  private static final long GREEDY_TOKENS = 0xb5b5e31dd70c6cb1L;
  /** Tokens and stops of sampled decoding (temperature 0.8, top-k 50, top-p 0.9) before them. */
  private static final long SAMPLED_TOKENS = 0x9b4dda5c0f73ad3L;
  /** Greedy tokens, stops and log-probability bits. */
  private static final long GREEDY = 0xb6920ae583783ff2L;
  /** Sampled tokens, stops and log-probability bits. */
  private static final long SAMPLED = 0xe9b5d7f8ecadded1L;

  private static SearchRequest request(int minLength) {
    int[] max = new int[ROWS];
    long[] keys = new long[ROWS];
    for (int r = 0; r < ROWS; r++) {
      max[r] = 5 + (r * 7) % 40;
      keys[r] = 1000 + r;
    }
    return new SearchRequest(max, keys, minLength, FakeStepDecoder.START, FakeStepDecoder.END,
        new int[] {0, 1, FakeStepDecoder.START});
  }

  private static FakeStepDecoder decoder() {
    int[] endAt = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      endAt[r] = (r * 5) % 30;
    }
    return new FakeStepDecoder(V, ROWS, 17, endAt);
  }

  private static long digest(Hypothesis[] hyps) {
    long h = 1;
    for (Hypothesis x : hyps) {
      h = 31 * h + Arrays.hashCode(x.tokens());
      h = 31 * h + x.stop().ordinal();
      h = 31 * h + Double.doubleToLongBits(x.logProbability());
    }
    return h;
  }

  private static long tokenDigest(Hypothesis[] hyps) {
    long h = 1;
    for (Hypothesis x : hyps) {
      h = 31 * h + Arrays.hashCode(x.tokens());
      h = 31 * h + x.stop().ordinal();
    }
    return h;
  }

  @Test
  void greedyWithTheRulesOffIsBitIdenticalToBefore() {
    Hypothesis[] hyps = new GreedyDecoding().decode(decoder(), request(3));
    long tokens = tokenDigest(hyps);
    assertEquals(GREEDY_TOKENS, tokens, "greedy tokens 0x" + Long.toHexString(tokens) + "L");
    long got = digest(hyps);
    assertEquals(GREEDY, got, "greedy digest 0x" + Long.toHexString(got) + "L");
  }

  @Test
  void samplingWithTheRulesOffIsBitIdenticalToBefore() {
    Hypothesis[] hyps = new SampledDecoding(new SamplingConfig(0.8, 50, 0.9, 5))
        .decode(decoder(), request(2));
    long tokens = tokenDigest(hyps);
    assertEquals(SAMPLED_TOKENS, tokens, "sampled tokens 0x" + Long.toHexString(tokens) + "L");
    long got = digest(hyps);
    assertEquals(SAMPLED, got, "sampled digest 0x" + Long.toHexString(got) + "L");
  }
}
