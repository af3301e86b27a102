package org.nmt4j.decoder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forbidden ids ({@code <pad> <s> <unk>}) are never chosen, even where they would win. */
class ForbiddenTokensTest {
  private static final int PAD = 0;
  private static final int UNK = 1;
  private static final int START = 2;
  private static final int END = 3;
  private static final int[] SPECIALS = {PAD, UNK, START};

  /** The same logits at every step: the special ids win, then 7, then 6 ...; the end is last. */
  private static final float[] LOGITS = {9f, 8f, 9.5f, -4f, 1f, 2f, 3f, 4f};

  /** A decoder that always gives {@link #LOGITS}. */
  private static final class Fixed implements StepDecoder {
    private int rows;

    Fixed(int rows) {
      this.rows = rows;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public int vocabularySize() {
      return LOGITS.length;
    }

    @Override
    public void step(int[] previousTokens, float[] logits) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(LOGITS, 0, logits, r * LOGITS.length, LOGITS.length);
      }
    }

    @Override
    public void retainRows(int[] keep, int count) {
      rows = count;
    }
  }

  private static SearchRequest request(int rows, int length) {
    int[] max = new int[rows];
    Arrays.fill(max, length);
    return SearchRequest.of(max, START, END);
  }

  private static double logSoftmax(int token) {
    double z = 0;
    for (float l : LOGITS) {
      z += Math.exp(l);
    }
    return LOGITS[token] - Math.log(z);
  }

  @Test
  void greedyTakesTheBestAllowedTokenAndScoresItWithTheFullSoftmax() {
    Hypothesis without = new GreedyDecoding().decode(new Fixed(1), request(1, 3))[0];
    assertEquals(List.of(START, START, START), box(without.tokens()), "special ids win unmasked");

    Hypothesis h = new GreedyDecoding().decode(new Fixed(1), request(1, 3).forbidding(SPECIALS))[0];
    assertEquals(List.of(7, 7, 7), box(h.tokens()));
    assertEquals(3 * logSoftmax(7), h.logProbability(), 1e-4);
  }

  @Test
  void samplingNeverDrawsAForbiddenIdAndUnkCanBeAllowed() {
    SampledDecoding hot = new SampledDecoding(new SamplingConfig(3.0, 0, 1.0, 11));
    int rows = 200;
    int[] counts = count(hot.decode(new Fixed(rows), request(rows, 10)));
    assertTrue(counts[PAD] > 0 && counts[START] > 0, "unmasked, they are drawn: " + Arrays.toString(counts));

    counts = count(hot.decode(new Fixed(rows), request(rows, 10).forbidding(SPECIALS)));
    assertEquals(0, counts[PAD] + counts[UNK] + counts[START], Arrays.toString(counts));
    assertTrue(counts[4] > 0 && counts[7] > 0, Arrays.toString(counts));

    counts = count(hot.decode(new Fixed(rows), request(rows, 10).forbidding(PAD, START)));
    assertEquals(0, counts[PAD] + counts[START], Arrays.toString(counts));
    assertTrue(counts[UNK] > 0, "<unk> allowed when asked for: " + Arrays.toString(counts));
  }

  @Test
  void topKAndEnsemblesRespectTheMask() {
    SampledDecoding topTwo = new SampledDecoding(new SamplingConfig(1.0, 2, 1.0, 5));
    int[] counts = count(topTwo.decode(new Fixed(50), request(50, 4).forbidding(SPECIALS)));
    assertEquals(50 * 4, counts[7] + counts[6], Arrays.toString(counts));

    StepDecoder ensemble = new EnsembleStepDecoder(List.of(new Fixed(2), new Fixed(2)));
    Hypothesis[] h = new GreedyDecoding().decode(ensemble, request(2, 2).forbidding(SPECIALS));
    assertEquals(List.of(7, 7), box(h[0].tokens()));
    assertEquals(List.of(7, 7), box(h[1].tokens()));
  }

  @Test
  void theEndTokenCannotBeForbidden() {
    assertThrows(IllegalArgumentException.class, () -> request(1, 2).forbidding(END));
    assertThrows(IllegalArgumentException.class,
        () -> new GreedyDecoding().decode(new Fixed(1), request(1, 2).forbidding(8)));
  }

  private static int[] count(Hypothesis[] hs) {
    int[] counts = new int[LOGITS.length];
    for (Hypothesis h : hs) {
      for (int t : h.tokens()) {
        counts[t]++;
      }
    }
    return counts;
  }

  private static List<Integer> box(int[] tokens) {
    return Arrays.stream(tokens).boxed().toList();
  }
}
