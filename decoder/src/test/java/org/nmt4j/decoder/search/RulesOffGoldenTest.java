package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Decoding with every repetition rule off is bit-identical to decoding before the rules existed:
 * the digests below were computed by this test on the code of the commit before {@link
 * RepetitionRules} (tokens, stop reasons and the exact bits of every log-probability, greedy and
 * sampled, with forbidden tokens and a minimum length, 64 rows of mixed lengths).
 */
class RulesOffGoldenTest {
  private static final int V = 300;
  private static final int ROWS = 64;

  /** Digest of greedy decoding before the rules existed. */
  private static final long GREEDY = 0xad14bf3e4be89729L;
  /** Digest of sampled decoding (temperature 0.8, top-k 50, top-p 0.9) before the rules. */
  private static final long SAMPLED = 0x6990a6d97294e451L;

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

  @Test
  void greedyWithTheRulesOffIsBitIdenticalToBefore() {
    long got = digest(new GreedyDecoding().decode(decoder(), request(3)));
    assertEquals(GREEDY, got, "greedy digest 0x" + Long.toHexString(got) + "L");
  }

  @Test
  void samplingWithTheRulesOffIsBitIdenticalToBefore() {
    long got = digest(new SampledDecoding(new SamplingConfig(0.8, 50, 0.9, 5))
        .decode(decoder(), request(2)));
    assertEquals(SAMPLED, got, "sampled digest 0x" + Long.toHexString(got) + "L");
  }
}
