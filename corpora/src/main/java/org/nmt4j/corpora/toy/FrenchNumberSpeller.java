package org.nmt4j.corpora.toy;

/**
 * Writes 0 to 999,999 in French words, in the traditional spelling (before the 1990
 * rectifications): hyphens only inside numbers below one hundred and not around "et", "cent" or
 * "mille".
 *
 * <p>The rules applied: "et un" and "et onze" after vingt, trente, quarante, cinquante and
 * soixante ("vingt et un", "soixante et onze") but a hyphen after quatre-vingt
 * ("quatre-vingt-un", "quatre-vingt-onze"); "quatre-vingts" and "cents" (as in "deux cents") take
 * an s only when they end the number and are multiplied, so "quatre-vingt mille", "deux cent
 * mille", "deux cent un"; "cent" and "mille" alone, never "un cent" or "un mille"; "mille" is
 * invariable ("deux mille"); 0 is "zéro".
 */
public final class FrenchNumberSpeller {

  /** The largest number spelled. */
  public static final int MAX = 999_999;

  private static final String[] BELOW_20 = {
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"
  };
  private static final String[] TENS = {
    "", "", "vingt", "trente", "quarante", "cinquante", "soixante"
  };

  private FrenchNumberSpeller() {}

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
    if (thousands == 1) {
      sb.append("mille");
    } else if (thousands > 1) {
      // before "mille", "cents" and "quatre-vingts" lose their s: "deux cent mille"
      below1000(thousands, true, sb);
      sb.append(" mille");
    }
    if (rest > 0) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      below1000(rest, false, sb);
    }
    return sb.toString();
  }

  /** 1 to 999; {@code beforeMille} when "mille" follows, which removes the plural s. */
  private static void below1000(int n, boolean beforeMille, StringBuilder sb) {
    int hundreds = n / 100;
    int rest = n % 100;
    if (hundreds == 1) {
      sb.append("cent");
    } else if (hundreds > 1) {
      sb.append(BELOW_20[hundreds]).append(" cent");
      if (rest == 0 && !beforeMille) {
        sb.append('s');
      }
    }
    if (rest > 0) {
      if (hundreds > 0) {
        sb.append(' ');
      }
      below100(rest, beforeMille, sb);
    }
  }

  /** 1 to 99. */
  private static void below100(int n, boolean beforeMille, StringBuilder sb) {
    if (n < 20) {
      sb.append(BELOW_20[n]);
    } else if (n < 70) {
      int units = n % 10;
      sb.append(TENS[n / 10]);
      if (units == 1) {
        sb.append(" et un");
      } else if (units > 1) {
        sb.append('-').append(BELOW_20[units]);
      }
    } else if (n < 80) {
      // 70-79 count on from soixante: soixante-dix, soixante et onze, soixante-douze
      sb.append(n == 71 ? "soixante et onze" : "soixante-" + BELOW_20[n - 60]);
    } else if (n == 80) {
      sb.append(beforeMille ? "quatre-vingt" : "quatre-vingts");
    } else {
      sb.append("quatre-vingt-").append(BELOW_20[n - 80]);
    }
  }
}
