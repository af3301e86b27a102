package org.nmt4j.corpora.toy;

import java.util.Objects;

/**
 * What toy corpus to generate. The vocabulary and length settings apply to {@code copy} and
 * {@code reverse} only; the number tasks draw numbers from 0 to 999,999.
 *
 * @param task the task
 * @param trainSize training pairs, at least 1
 * @param validSize validation pairs, at least 0
 * @param testSize test pairs, at least 0
 * @param seed the random seed; the same config gives the same files
 * @param vocabularySize distinct tokens in random strings, 1 to 100,000 (tokens are {@code a},
 *     {@code b}, ..., {@code z}, {@code aa}, {@code ab}, ...)
 * @param minLength shortest random string in tokens, at least 1
 * @param maxLength longest random string in tokens, at least {@code minLength}
 */
public record ToyCorpusConfig(
    ToyTask task,
    int trainSize,
    int validSize,
    int testSize,
    long seed,
    int vocabularySize,
    int minLength,
    int maxLength) {

  /** Default vocabulary size of random strings. */
  public static final int DEFAULT_VOCABULARY = 20;
  /** Default shortest random string. */
  public static final int DEFAULT_MIN_LENGTH = 3;
  /** Default longest random string. */
  public static final int DEFAULT_MAX_LENGTH = 8;

  /**
   * Most training pairs: the generator keeps every drawn string in memory to keep them
   * distinct, so this bounds its memory (about 1 GB at the limit).
   */
  public static final int MAX_SIZE = 5_000_000;

  /** Validates every field; messages name the command-line options. */
  public ToyCorpusConfig {
    Objects.requireNonNull(task, "task");
    if (trainSize < 1 || trainSize > MAX_SIZE) {
      throw new IllegalArgumentException(
          "--size must be in 1.." + MAX_SIZE + " (toy corpora are held in memory), got " + trainSize);
    }
    if (validSize < 0) {
      throw new IllegalArgumentException("--valid-size must be >= 0, got " + validSize);
    }
    if (testSize < 0) {
      throw new IllegalArgumentException("--test-size must be >= 0, got " + testSize);
    }
    if (vocabularySize < 1 || vocabularySize > 100_000) {
      throw new IllegalArgumentException(
          "--vocab-size must be in 1..100000, got " + vocabularySize);
    }
    if (minLength < 1) {
      throw new IllegalArgumentException("--min-string-length must be >= 1, got " + minLength);
    }
    if (maxLength < minLength) {
      throw new IllegalArgumentException(
          "--max-string-length must be >= --min-string-length (" + minLength + "), got " + maxLength);
    }
    long total = (long) trainSize + validSize + testSize;
    long capacity = capacity(task, vocabularySize, minLength, maxLength);
    if (total > capacity) {
      throw new IllegalArgumentException(
          "--size " + trainSize + " with " + validSize + " valid and " + testSize
              + " test pairs asks for " + total + " distinct examples, but "
              + (task.isNumbers()
                  ? "there are only 1000000 numbers (0..999999)"
                  : "at most " + capacity + " can be drawn (half the distinct strings of "
                      + "--vocab-size " + vocabularySize + " and lengths " + minLength + ".."
                      + maxLength + ")"));
    }
  }

  /**
   * A corpus of {@code size} training pairs, with validation and test sets of a tenth of that
   * each (at least 1, at most 1000, and within what the task can hold), default string settings.
   *
   * @param task the task
   * @param size training pairs
   * @param seed the random seed
   */
  public static ToyCorpusConfig of(ToyTask task, int size, long seed) {
    int heldOut = Math.max(1, Math.min(1000, size / 10));
    return new ToyCorpusConfig(task, size, heldOut, heldOut, seed,
        DEFAULT_VOCABULARY, DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH);
  }

  /** A copy with other held-out sizes. */
  public ToyCorpusConfig withHeldOut(int valid, int test) {
    return new ToyCorpusConfig(task, trainSize, valid, test, seed,
        vocabularySize, minLength, maxLength);
  }

  /** A copy with other random-string settings. */
  public ToyCorpusConfig withStrings(int vocabulary, int min, int max) {
    return new ToyCorpusConfig(task, trainSize, validSize, testSize, seed, vocabulary, min, max);
  }

  /** Total pairs over the three parts. */
  public long totalSize() {
    return (long) trainSize + validSize + testSize;
  }

  /**
   * How many distinct examples can be drawn: every number for the number tasks; half the
   * distinct strings for random strings, so that drawing distinct ones by rejection stays fast.
   */
  static long capacity(ToyTask task, int vocabulary, int minLength, int maxLength) {
    if (task.isNumbers()) {
      return FrenchNumberSpeller.MAX + 1L;
    }
    long strings = 0;
    for (int len = minLength; len <= maxLength; len++) {
      long p = 1;
      for (int i = 0; i < len && p < Long.MAX_VALUE / 4 / vocabulary; i++) {
        p *= vocabulary;
      }
      strings += p;
      if (strings >= Long.MAX_VALUE / 4) {
        break;
      }
    }
    return strings / 2;
  }
}
