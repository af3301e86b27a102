package org.nmt4j.corpora;

import java.util.Locale;

/**
 * The size of a held-out part (valid or test): a number of pairs, or a fraction of the corpus.
 *
 * @param count a number of pairs, used when {@code fraction} is NaN
 * @param fraction a fraction in [0, 1) of the corpus, or NaN when {@code count} is used
 */
public record SplitSize(long count, double fraction) {

  /** Checks that exactly one of the two is given and in range. */
  public SplitSize {
    if (Double.isNaN(fraction)) {
      if (count < 0) {
        throw new IllegalArgumentException("a split size must be >= 0, got " + count);
      }
    } else if (count != 0 || !(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("a split fraction must be in [0, 1), got " + fraction);
    }
  }

  /** Exactly {@code n} pairs. */
  public static SplitSize count(long n) {
    return new SplitSize(n, Double.NaN);
  }

  /** {@code f} of the corpus, rounded to the nearest pair. */
  public static SplitSize fraction(double f) {
    return new SplitSize(0, f);
  }

  /**
   * Parses a size as written on the command line: {@code 1000} (pairs), {@code 0.05} or
   * {@code 5%} (fractions).
   *
   * @param text the option value
   * @param option the option's name, for the message
   * @throws IllegalArgumentException naming the option and the forms accepted
   */
  public static SplitSize parse(String text, String option) {
    String t = text == null ? "" : text.strip();
    try {
      if (t.endsWith("%")) {
        return fraction(Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100);
      }
      if (t.contains(".") || t.toLowerCase(Locale.ROOT).contains("e")) {
        return fraction(Double.parseDouble(t));
      }
      return count(Long.parseLong(t));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + " must be a number of pairs (1000), a fraction (0.05) or a percentage (5%), got '"
              + text + "'");
    }
  }

  /** Whether this is a fraction rather than a count. */
  public boolean isFraction() {
    return !Double.isNaN(fraction);
  }

  /**
   * The number of pairs this size means in a corpus of {@code total} pairs.
   *
   * @param total the number of pairs in the corpus
   */
  public long resolve(long total) {
    return isFraction() ? Math.round(fraction * total) : count;
  }

  @Override
  public String toString() {
    return isFraction() ? String.format(Locale.ROOT, "%.4g", fraction) : Long.toString(count);
  }
}
