package org.nmt4j.translator.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A measure of degenerate, repetitive output: the share of lines in which some pair of adjacent
 * words occurs twice (as "and a tree and a tree"). Words are the whitespace-separated tokens of
 * the line, compared as written (case and attached punctuation kept). Natural text repeats a
 * pair now and then ("a man in a blue shirt and a woman in a red shirt"), so the figure means
 * most beside the same measure of the references.
 */
public final class RepeatedWordPairs {
  private RepeatedWordPairs() {}

  /**
   * @param line one line of text
   * @return whether some pair of adjacent words occurs twice in it
   */
  public static boolean repeatsWordPair(String line) {
    String[] words = line.strip().split("\\s+");
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < words.length; i++) {
      // a space never occurs inside a word, so the joined pair is unambiguous
      if (!seen.add(words[i - 1] + ' ' + words[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param lines lines of text
   * @return how many of them repeat a word pair
   */
  public static int count(List<String> lines) {
    int n = 0;
    for (String line : lines) {
      n += repeatsWordPair(line) ? 1 : 0;
    }
    return n;
  }

  /**
   * A report line such as {@code repeated word pairs = 12.3% of hypotheses (123/1000), 4.0% of
   * references (40/1000)}.
   *
   * @param hypotheses the output lines
   * @param references the first reference stream, line-aligned
   * @return the line
   */
  public static String format(List<String> hypotheses, List<String> references) {
    int h = count(hypotheses);
    int r = count(references);
    return String.format(Locale.ROOT,
        "repeated word pairs = %.1f%% of hypotheses (%d/%d), %.1f%% of references (%d/%d)",
        percent(h, hypotheses.size()), h, hypotheses.size(), percent(r, references.size()), r,
        references.size());
  }

  private static double percent(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
