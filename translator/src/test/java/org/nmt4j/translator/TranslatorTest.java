package org.nmt4j.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TranslatorTest {
  private final Translator translator = Translator.of(new ReversingModel());

  private static String sentence(Random random, int length) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      words.add("w" + random.nextInt(ReversingModel.WORDS));
    }
    return String.join(" ", words);
  }

  /** {@code count} sentences of {@code minWords} to {@code minWords + spread - 1} words. */
  private static List<String> sentences(Random random, int count, int minWords, int spread) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(sentence(random, minWords + random.nextInt(spread)));
    }
    return out;
  }

  private static String reversed(String s) {
    List<String> words = new ArrayList<>(List.of(s.strip().split("\\s+")));
    Collections.reverse(words);
    return String.join(" ", words);
  }

  @Test
  void batchedTranslationsComeBackInInputOrder() {
    List<String> input = sentences(new Random(1), 300, 1, 20);
    List<Translation> out = translator.translate(input, DecodingOptions.greedy().withBatchSize(7));
    assertEquals(input.size(), out.size());
    for (int i = 0; i < input.size(); i++) {
      assertEquals(reversed(input.get(i)), out.get(i).text(), "sentence " + i);
      assertTrue(out.get(i).complete());
      assertTrue(out.get(i).logProbability() < 0);
      assertEquals(out.get(i).tokens().size() + 1, out.get(i).predictions());
    }
  }

  @Test
  void withoutScoresTheTextsAreTheSameAndTheLogProbabilitiesNaN() {
    List<String> input = sentences(new Random(3), 40, 1, 12);
    List<Translation> scored = translator.translate(input, DecodingOptions.greedy());
    List<Translation> plain = translator.translate(input,
        DecodingOptions.greedy().withScores(false));
    for (int i = 0; i < input.size(); i++) {
      assertEquals(scored.get(i).text(), plain.get(i).text(), "sentence " + i);
      assertEquals(scored.get(i).complete(), plain.get(i).complete(), "sentence " + i);
      assertTrue(scored.get(i).logProbability() < 0, "sentence " + i);
      assertTrue(Double.isNaN(plain.get(i).logProbability()), "sentence " + i);
      assertTrue(Double.isNaN(plain.get(i).perplexity()), "sentence " + i);
    }
  }

  @Test
  void emptyInputsGiveEmptyOutputsInPlace() {
    List<String> input = List.of("w1 w2", "", "   ", "w3");
    List<Translation> out = translator.translate(input);
    assertEquals(List.of("w2 w1", "", "", "w3"), out.stream().map(Translation::text).toList());
    assertEquals(0.0, out.get(1).logProbability());
    assertTrue(translator.translate(List.of()).isEmpty());
  }

  @Test
  void overLongInputIsCutWithAWarning() {
    String longLine = sentence(new Random(2), 10_000);
    Translation t = translator.translate(longLine,
        DecodingOptions.greedy().withMaxSourceLength(50).withMaxLength(500, 2, 10));
    assertEquals(50, t.sourceTokens());
    assertEquals(1, t.warnings().size());
    assertTrue(t.warnings().get(0).contains("10000"), t.warnings().get(0));
    // the model saw the first 50 tokens
    String first50 = String.join(" ", List.of(longLine.split(" ")).subList(0, 50));
    assertEquals(reversed(first50), t.text());
  }

  @Test
  void outputLengthIsCappedAbsolutelyAndRelatively() {
    String s = sentence(new Random(3), 12);
    Translation abs = translator.translate(s, DecodingOptions.greedy().withMaxLength(5, 2, 10));
    assertEquals(5, abs.tokens().size());
    assertFalse(abs.complete());
    Translation rel = translator.translate(s, DecodingOptions.greedy().withMaxLength(100, 0.5, 1));
    assertEquals(7, rel.tokens().size());
    assertEquals(7, DecodingOptions.greedy().withMaxLength(100, 0.5, 1).maxLengthFor(12));
  }

  @Test
  void batchSizeCountsInputSentencesWhateverTheSamplesPerSentence() {
    List<String> input = sentences(new Random(5), 23, 2, 6);
    for (int samples : new int[] {1, 3}) {
      List<Integer> sizes = new ArrayList<>();
      DecodingOptions options =
          DecodingOptions.sampling(1.0, 0, 1.0, 3).withSamples(samples).withBatchSize(5);
      translator.translateSamples(input, options, sizes::add);
      assertEquals(23, sizes.stream().mapToInt(Integer::intValue).sum(), "samples " + samples);
      assertEquals(5, Collections.max(sizes), "samples " + samples + ": " + sizes);
      assertEquals(5, sizes.size(), "samples " + samples + ": " + sizes);
    }
  }

  @Test
  void samplesAreReproducibleIndependentOfBatchSizeAndSeeded() {
    List<String> input = sentences(new Random(4), 40, 3, 8);
    DecodingOptions hot = DecodingOptions.sampling(3.0, 0, 1.0, 11).withSamples(3);
    List<List<Translation>> a = translator.translateSamples(input, hot.withBatchSize(64));
    List<List<Translation>> b = translator.translateSamples(input, hot.withBatchSize(5));
    assertEquals(a, b);
    List<List<Translation>> c = translator.translateSamples(input,
        DecodingOptions.sampling(3.0, 0, 1.0, 12).withSamples(3));
    assertNotEquals(a, c);
    for (List<Translation> l : a) {
      assertEquals(3, l.size());
    }
    // the three samples of a sentence are not all alike at this temperature
    long distinct = a.stream().filter(l -> l.get(0).equals(l.get(1)) && l.get(1).equals(l.get(2))).count();
    assertTrue(distinct < 40);
  }

  @Test
  void coldSamplingEqualsGreedy() {
    List<String> input = sentences(new Random(5), 50, 1, 10);
    List<Translation> greedy = translator.translate(input);
    List<Translation> cold = translator.translate(input, DecodingOptions.sampling(1e-4, 0, 1.0, 3));
    assertEquals(greedy, cold);
  }

  @Test
  void progressCountsEverySentenceOnce() {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      input.add(i % 10 == 0 ? "" : "w1 w" + (i % 30));
    }
    AtomicInteger done = new AtomicInteger();
    translator.translateSamples(input, DecodingOptions.greedy().withBatchSize(8), done::addAndGet);
    assertEquals(90, done.get());
  }

  @Test
  void scoresMatchTranslationsAndFormACorpusPerplexity() {
    List<String> src = List.of("w1 w2 w3", "w4", "w5 w6");
    List<Translation> t = translator.translate(src);
    ScoreReport report = translator.score(src, t.stream().map(Translation::text).toList());
    for (int i = 0; i < src.size(); i++) {
      assertEquals(t.get(i).logProbability(), report.sentences().get(i).logProbability(), 1e-9);
      assertEquals(t.get(i).predictions(), report.sentences().get(i).predictions());
    }
    assertEquals(4 + 2 + 3, report.predictions());
    assertEquals(Math.exp(-report.logProbability() / 9), report.perplexity(), 1e-12);
    // a wrong target scores lower
    assertTrue(translator.score("w1 w2", "w1 w2").logProbability()
        < translator.score("w1 w2", "w2 w1").logProbability());
    assertThrows(IllegalArgumentException.class, () -> translator.score(List.of("w1"), List.of()));
  }

  @Test
  void emptySidesCanBeScored() {
    // an empty target is scored as the end of sentence alone; an empty source as </s> alone
    SentenceScore emptyTarget = translator.score("w1 w2", "");
    assertEquals(1, emptyTarget.predictions());
    assertTrue(emptyTarget.logProbability() < 0);
    SentenceScore emptySource = translator.score("", "w1");
    assertEquals(2, emptySource.predictions());
    assertTrue(translator.score("", "").logProbability() > emptySource.logProbability());
  }

  @Test
  void optionsAreValidatedWithTheOptionName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DecodingOptions.greedy().withSamples(2));
    assertTrue(e.getMessage().contains("--sample"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DecodingOptions.greedy().withBatchSize(0));
    assertTrue(e.getMessage().startsWith("--batch-size"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DecodingOptions.sampling(1, 0, 1.2, 0));
    assertTrue(e.getMessage().startsWith("--top-p"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> translator.translate(List.of("w1"), DecodingOptions.sampling(1, 0, 1, 0).withSamples(2)));
    assertTrue(e.getMessage().contains("translateSamples"), e.getMessage());
  }

  @Test
  void noRepeatNgramBansTheTokenThatWouldRepeatAPair() {
    DecodingOptions plain = DecodingOptions.greedy();
    assertEquals("w5 w5 w5 w5", translator.translate("w5 w5 w5 w5", plain).text());
    // the third w5 would repeat "w5 w5": the next best token (w2, logit 0.6) comes instead
    assertEquals("w5 w5 w2 w5",
        translator.translate("w5 w5 w5 w5", plain.withRepetitionRules(2, 1.0)).text());
    // unigrams: every token once; the ties at logit 0.6 (w2, w9, w16, w23) go to the lowest id
    assertEquals("w5 w2 w9 w16 w23",
        translator.translate("w5 w5 w5 w5 w5", plain.withRepetitionRules(1, 1.0)).text());
  }

  @Test
  void repetitionPenaltyLowersTheLogitsOfOutputTokens() {
    DecodingOptions plain = DecodingOptions.greedy();
    // w5 again: 4 / 10 = 0.4 < 0.6 of w2, so w2 wins; then </s> (logit 4) as the model wants
    assertEquals("w5 w2", translator.translate("w5 w5", plain.withRepetitionRules(0, 10.0)).text());
    // 4 / 5 = 0.8 > 0.6: the repeat stays
    assertEquals("w5 w5", translator.translate("w5 w5", plain.withRepetitionRules(0, 5.0)).text());
  }

  @Test
  void minLengthRatioForbidsTheEndUntilTheMinimumWithinTheCap() {
    DecodingOptions twice = DecodingOptions.greedy().withMinLengthRatio(2.0);
    Translation t = translator.translate("w5 w6", twice);
    assertEquals("w6 w5 w2 w2", t.text());
    assertTrue(t.complete());
    assertEquals(4, twice.minLengthFor(2));
    // ceil(1.5 x 3) = 5
    assertEquals(5, translator.translate("w5 w6 w7", DecodingOptions.greedy()
        .withMinLengthRatio(1.5)).tokens().size());
    // the cap wins over the minimum
    Translation capped = translator.translate("w5 w6", twice.withMaxLength(3, 2, 10));
    assertEquals(3, capped.tokens().size());
    assertFalse(capped.complete());
    assertEquals(3, twice.withMaxLength(3, 2, 10).minLengthFor(2));
  }

  @Test
  void sampledOutputUnderTheRulesIsIndependentOfTheBatchSize() {
    List<String> input = sentences(new Random(6), 40, 3, 8);
    DecodingOptions hot = DecodingOptions.sampling(3.0, 0, 1.0, 11).withSamples(3)
        .withRepetitionRules(2, 1.3).withMinLengthRatio(1.2);
    List<List<Translation>> a = translator.translateSamples(input, hot.withBatchSize(64));
    List<List<Translation>> b = translator.translateSamples(input, hot.withBatchSize(5));
    assertEquals(a, b);
    for (int i = 0; i < input.size(); i++) {
      int sourceTokens = input.get(i).split(" ").length;
      for (Translation t : a.get(i)) {
        assertTrue(t.tokens().size() >= Math.ceil(1.2 * sourceTokens), t.text());
        for (int j = 1; j < t.tokens().size(); j++) {
          for (int k = j + 1; k < t.tokens().size(); k++) {
            boolean same = t.tokens().get(j - 1).equals(t.tokens().get(k - 1))
                && t.tokens().get(j).equals(t.tokens().get(k));
            assertFalse(same, "repeated pair in " + t.text());
          }
        }
      }
    }
  }

  @Test
  void theRulesAndTheMinimumAreValidatedWithTheOptionName() {
    DecodingOptions g = DecodingOptions.greedy();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.withRepetitionRules(-1, 1.0));
    assertTrue(e.getMessage().startsWith("--no-repeat-ngram"), e.getMessage());
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      e = assertThrows(IllegalArgumentException.class, () -> g.withRepetitionRules(0, bad));
      assertTrue(e.getMessage().startsWith("--repetition-penalty"), e.getMessage());
    }
    for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      e = assertThrows(IllegalArgumentException.class, () -> g.withMinLengthRatio(bad));
      assertTrue(e.getMessage().startsWith("--min-length-ratio"), e.getMessage());
    }
    // all off by default
    assertEquals(0, g.noRepeatNgram());
    assertEquals(1.0, g.repetitionPenalty());
    assertEquals(0.0, g.minLengthRatio());
    assertEquals(0, g.minLengthFor(40));
  }
}
