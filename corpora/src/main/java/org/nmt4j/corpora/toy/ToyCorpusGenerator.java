package org.nmt4j.corpora.toy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.nmt4j.corpora.AlignedCorpusWriter;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.SplitPart;
import org.nmt4j.corpora.SplitSizes;

/**
 * Generates toy corpora, reproducibly from a seed, with no example shared between train, valid
 * and test (held-out numbers and strings are really unseen in training).
 *
 * <p>Random strings: a length uniform in [min, max], tokens uniform over the vocabulary, distinct
 * strings drawn by rejection. Numbers: distinct numbers uniform over 0..999,999 (a partial
 * Fisher-Yates shuffle of all of them), so most have six digits, like the test numbers. Uses
 * {@link java.util.Random}, whose algorithm is fixed by its specification, so a seed gives the
 * same corpus on every JVM.
 */
public final class ToyCorpusGenerator {

  private final ToyCorpusConfig config;

  /**
   * @param config task, sizes, seed and string settings
   */
  public ToyCorpusGenerator(ToyCorpusConfig config) {
    this.config = config;
  }

  /** The corpus in memory. */
  public ToyCorpus generate() {
    Map<SplitPart, List<SentencePair>> parts = new EnumMap<>(SplitPart.class);
    for (SplitPart part : SplitPart.values()) {
      parts.put(part, new ArrayList<>());
    }
    emit((part, pair) -> parts.get(part).add(pair));
    return new ToyCorpus(
        parts.get(SplitPart.TRAIN), parts.get(SplitPart.VALID), parts.get(SplitPart.TEST));
  }

  /**
   * Writes {@code train.src train.tgt valid.src valid.tgt test.src test.tgt} in a directory
   * (created if needed), each file atomically, in UTF-8 with one sentence per line.
   *
   * @param dir the output directory
   * @return the number of pairs in each part
   */
  public SplitSizes write(Path dir) {
    Map<SplitPart, AlignedCorpusWriter> writers = new EnumMap<>(SplitPart.class);
    try {
      for (SplitPart part : SplitPart.values()) {
        writers.put(part, new AlignedCorpusWriter(dir, part.stem()));
      }
      emit((part, pair) -> writers.get(part).write(pair.source(), pair.target()));
      for (AlignedCorpusWriter w : writers.values()) {
        w.commit();
      }
    } finally {
      for (AlignedCorpusWriter w : writers.values()) {
        w.close();
      }
    }
    return new SplitSizes(config.trainSize(), config.validSize(), config.testSize());
  }

  private interface Sink {
    void accept(SplitPart part, SentencePair pair);
  }

  /** Produces every pair in order: train, then valid, then test. */
  private void emit(Sink sink) {
    Random random = new Random(config.seed());
    int[] counts = {config.trainSize(), config.validSize(), config.testSize()};
    SplitPart[] parts = SplitPart.values();
    if (config.task().isNumbers()) {
      int total = (int) config.totalSize();
      int[] numbers = new int[FrenchNumberSpeller.MAX + 1];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = i;
      }
      int k = 0;
      for (int p = 0; p < parts.length; p++) {
        for (int i = 0; i < counts[p]; i++, k++) {
          // partial Fisher-Yates: position k receives a number not drawn before
          int j = k + random.nextInt(numbers.length - k);
          int n = numbers[j];
          numbers[j] = numbers[k];
          numbers[k] = n;
          sink.accept(parts[p], numberPair(n, parts[p], i + 1));
        }
      }
      assert k == total;
    } else {
      Set<String> seen = new HashSet<>();
      for (int p = 0; p < parts.length; p++) {
        for (int i = 0; i < counts[p]; i++) {
          String[] tokens;
          String joined;
          do {
            tokens = randomTokens(random);
            joined = String.join(" ", tokens);
          } while (!seen.add(joined));
          String target = joined;
          if (config.task() == ToyTask.REVERSE) {
            StringBuilder sb = new StringBuilder(joined.length());
            for (int t = tokens.length - 1; t >= 0; t--) {
              sb.append(tokens[t]);
              if (t > 0) {
                sb.append(' ');
              }
            }
            target = sb.toString();
          }
          sink.accept(parts[p], new SentencePair(joined, target, parts[p].stem() + ".src", i + 1));
        }
      }
    }
  }

  private SentencePair numberPair(int n, SplitPart part, long line) {
    String en = EnglishNumberSpeller.spell(n);
    String fr = FrenchNumberSpeller.spell(n);
    boolean enFr = config.task() == ToyTask.NUMBERS_EN_FR;
    return new SentencePair(enFr ? en : fr, enFr ? fr : en, part.stem() + ".src", line);
  }

  private String[] randomTokens(Random random) {
    int span = config.maxLength() - config.minLength() + 1;
    int len = config.minLength() + random.nextInt(span);
    String[] tokens = new String[len];
    for (int i = 0; i < len; i++) {
      tokens[i] = tokenName(random.nextInt(config.vocabularySize()));
    }
    return tokens;
  }

  /**
   * The name of token {@code i} of a random-string vocabulary: {@code a} .. {@code z}, then
   * {@code aa}, {@code ab}, ... (bijective base 26), so that tokens are short, readable and
   * split on whitespace by every tokenizer.
   */
  public static String tokenName(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("token number must be >= 0, got " + i);
    }
    StringBuilder sb = new StringBuilder();
    int n = i + 1;
    while (n > 0) {
      n--;
      sb.append((char) ('a' + n % 26));
      n /= 26;
    }
    return sb.reverse().toString();
  }
}
