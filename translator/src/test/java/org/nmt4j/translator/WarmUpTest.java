package org.nmt4j.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@link Translator#warmUp} translates for its budget (single sentences and batches), at least
 * one sentence with a zero budget, and changes no translation.
 */
class WarmUpTest {
  @Test
  void warmUpTranslatesForItsBudgetAndChangesNothing() {
    Translator translator = Translator.of(TinySeq2Seq.model(3, DataType.FLOAT));
    List<String> sentences = TinySeq2Seq.sentences(20, 5);
    List<String> before = translator.translate(sentences).stream().map(Translation::text).toList();
    long start = System.nanoTime();
    int n = translator.warmUp(Duration.ofMillis(300));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 300, "warm-up returned after " + millis + " ms");
    // single sentences, and every eighth call a batch of 16
    assertTrue(n >= 8 + WarmUp.BATCH, "only " + n + " sentences in 300 ms");
    assertEquals(before, translator.translate(sentences).stream().map(Translation::text).toList());
    assertEquals(1, translator.warmUp(Duration.ZERO));
  }

  @Test
  void madeUpSentencesHaveSixToTwentyWordsAndANegativeBudgetIsRefused() {
    Random random = new Random(2);
    for (int i = 0; i < 200; i++) {
      int words = WarmUp.sentence(random).split(" ").length - 1; // the final "."
      assertTrue(words >= 6 && words <= 20, words + " words");
    }
    Translator translator = Translator.of(new ReversingModel());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> translator.warmUp(Duration.ofSeconds(-1)));
    assertEquals("warm-up time must not be negative, got PT-1S", e.getMessage());
  }
}
