package org.nmt4j.translator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.config.ValidDecodingConfig;

class BleuValidationScorerTest {
  private static List<SentencePair> pairs(int n) {
    List<SentencePair> p = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      p.add(new SentencePair("s" + i, "t" + i, "valid", i + 1));
    }
    return p;
  }

  @Test
  void sampleIsSeededAndKeepsCorpusOrder() {
    List<SentencePair> all = pairs(100);
    List<SentencePair> a = BleuValidationScorer.sample(all, 10, 42);
    assertEquals(10, a.size());
    assertEquals(a, BleuValidationScorer.sample(all, 10, 42));
    assertNotEquals(a, BleuValidationScorer.sample(all, 10, 43));
    for (int i = 1; i < a.size(); i++) {
      assertTrue(a.get(i - 1).line() < a.get(i).line(), "not in corpus order");
    }
    assertEquals(all, BleuValidationScorer.sample(all, 0, 42));
    assertEquals(all, BleuValidationScorer.sample(all, 100, 42));
  }

  @Test
  void validationDecodesGreedilyWithTheConfiguredRules() {
    DecodingOptions plain = BleuValidationScorer.options(ValidDecodingConfig.defaults());
    // BLEU needs the texts only: no log-probabilities
    assertEquals(DecodingOptions.greedy().withScores(false), plain);
    DecodingOptions ruled = BleuValidationScorer.options(new ValidDecodingConfig(3, 1.2, 0.5));
    assertEquals(DecodingOptions.Method.GREEDY, ruled.method());
    assertEquals(3, ruled.noRepeatNgram());
    assertEquals(1.2, ruled.repetitionPenalty());
    assertEquals(0.5, ruled.minLengthRatio());
    assertFalse(ruled.scores());
  }
}
