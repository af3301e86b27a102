package org.nmt4j.corpora.toy;

/**
 * Writes 0 to 999,999 in English words, American style without "and": {@code 342} is "three
 * hundred forty-two", {@code 21500} is "twenty-one thousand five hundred", {@code 0} is "zero".
 * Compound tens are hyphenated ("forty-two").
 */
public final class EnglishNumberSpeller {

  /** The largest number spelled. */
  public static final int MAX = 999_999;

  private static final String[] BELOW_20 = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"
  };
  private static final String[] TENS = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };

  private EnglishNumberSpeller() {}

  /**
   * @param n 0 to 999,999
   * @return the words, separated by single spaces
   */
  public static String spell(int n) {
    if (n < 0 || n > MAX) {
      throw new IllegalArgumentException("number must be in 0.." + MAX + ", got " + n);
    }
    if (n == 0) {
      return BELOW_20[0];
    }
    StringBuilder sb = new StringBuilder();
    int thousands = n / 1000;
    int rest = n % 1000;
    if (thousands > 0) {
      below1000(thousands, sb);
      sb.append(" thousand");
    }
    if (rest > 0) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      below1000(rest, sb);
    }
    return sb.toString();
  }

  /** 1 to 999. */
  private static void below1000(int n, StringBuilder sb) {
    int hundreds = n / 100;
    int rest = n % 100;
    if (hundreds > 0) {
      sb.append(BELOW_20[hundreds]).append(" hundred");
    }
    if (rest > 0) {
      if (hundreds > 0) {
        sb.append(' ');
      }
      if (rest < 20) {
        sb.append(BELOW_20[rest]);
      } else {
        sb.append(TENS[rest / 10]);
        if (rest % 10 > 0) {
          sb.append('-').append(BELOW_20[rest % 10]);
        }
      }
    }
  }
}
