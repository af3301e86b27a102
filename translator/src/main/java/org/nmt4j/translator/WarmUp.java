package org.nmt4j.translator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Translates made-up sentences for a while so that the JVM compiles the decoding code before
 * real requests arrive ({@link Translator#warmUp}).
 *
 * <p>Why: the JIT compiler turns the Java parts of decoding (the steps, the two-thread split of
 * a single sentence's step, the sampling loops) into fast code only after thousands of calls,
 * and on a small machine its compiler thread competes with decoding while it works. Measured on
 * 2 cores (2026-12-07, int8, hidden size 512): single sentences took about 30 ms for the first
 * hundred or so and settled at about 21 ms after a few seconds. A server that warms up before it
 * reports ready serves its first requests at the settled latency, as TF Serving's and Triton's
 * warm-up requests do.
 *
 * <p>The sentences are words of one fixed list in random order (unknown words are fine: the work
 * per step does not depend on which tokens are decoded); single sentences alternate with a batch
 * of {@value #BATCH}, the two shapes a server's dynamic batching produces. Results are thrown
 * away, and nothing in the translator changes.
 */
final class WarmUp {
  /** Sentences of the batched calls. */
  static final int BATCH = 16;

  private static final String[] WORDS = {"the", "a", "man", "woman", "dog", "in", "on", "with",
      "is", "are", "two", "people", "street", "red", "blue", "playing", "sitting", "of", "and",
      "at", "ein", "eine", "der", "die", "mit", "und", "auf", "un", "une", "le", "la", "avec"};

  private WarmUp() {}

  /**
   * Translates until {@code budget} has passed (at least one sentence).
   *
   * @return the number of sentences translated
   */
  static int run(Translator translator, Duration budget) {
    long end = System.nanoTime() + budget.toNanos();
    Random random = new Random(1);
    int sentences = 0;
    int call = 0;
    do {
      boolean batch = call++ % 8 == 7;
      List<String> input = new ArrayList<>();
      for (int i = 0; i < (batch ? BATCH : 1); i++) {
        input.add(sentence(random));
      }
      translator.translate(input);
      sentences += input.size();
    } while (System.nanoTime() - end < 0);
    return sentences;
  }

  /** 6 to 20 words of the list. */
  static String sentence(Random random) {
    int n = 6 + random.nextInt(15);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return s.append(" .").toString();
  }
}
