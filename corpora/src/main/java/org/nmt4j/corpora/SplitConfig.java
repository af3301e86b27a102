package org.nmt4j.corpora;

import java.util.Objects;

/**
 * How to split one corpus into train, valid and test: the two held-out sizes and a seed. The
 * rest is training data.
 *
 * @param valid size of the validation part
 * @param test size of the test part
 * @param seed the random seed; the same seed and corpus give the same split
 */
public record SplitConfig(SplitSize valid, SplitSize test, long seed) {

  /** Checks that the sizes are given. */
  public SplitConfig {
    Objects.requireNonNull(valid, "valid");
    Objects.requireNonNull(test, "test");
    if (valid.isFraction() && test.isFraction() && valid.fraction() + test.fraction() >= 1) {
      throw new IllegalArgumentException(
          "--valid-size and --test-size together must leave some training data, got "
              + valid + " + " + test);
    }
  }

  /** Exact numbers of held-out pairs. */
  public static SplitConfig ofSizes(long valid, long test, long seed) {
    return new SplitConfig(SplitSize.count(valid), SplitSize.count(test), seed);
  }

  /** Fractions of the corpus held out. */
  public static SplitConfig ofFractions(double valid, double test, long seed) {
    return new SplitConfig(SplitSize.fraction(valid), SplitSize.fraction(test), seed);
  }

  /**
   * The sizes for a corpus of {@code total} pairs.
   *
   * @throws IllegalArgumentException if valid and test together take every pair
   */
  public SplitSizes sizes(long total) {
    long v = valid.resolve(total);
    long t = test.resolve(total);
    if (v + t >= total && total > 0) {
      throw new IllegalArgumentException(
          "--valid-size " + valid + " and --test-size " + test + " leave no training pair out of "
              + total);
    }
    if (total == 0) {
      return new SplitSizes(0, 0, 0);
    }
    return new SplitSizes(total - v - t, v, t);
  }
}
