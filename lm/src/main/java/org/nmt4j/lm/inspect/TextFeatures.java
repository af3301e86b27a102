package org.nmt4j.lm.inspect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;

/**
 * Simple features of a token stream computed from the text itself, each the state after reading
 * the token at a position, for finding cells that track them:
 *
 * <ul>
 *   <li>{@code inside quotes}: 1 between an opening and a closing {@code "} (the opening quote
 *       included, the closing one not); a line break ends an open quote;
 *   <li>{@code inside parentheses}: 1 while more {@code (} than {@code )} have been read;
 *   <li>{@code parenthesis depth}: how many {@code (} are open;
 *   <li>{@code position in line}: tokens since the last line break;
 *   <li>{@code start of word}: 1 on a letter or digit after a space or line break.
 * </ul>
 */
public final class TextFeatures {
  /** The features' names, in order. */
  public static final List<String> NAMES = List.of("inside quotes", "inside parentheses",
      "parenthesis depth", "position in line", "start of word");

  private TextFeatures() {}

  /** Each feature's series over {@code tokens}, by name (in {@link #NAMES} order). */
  public static Map<String, double[]> of(List<String> tokens) {
    int n = tokens.size();
    double[] quotes = new double[n];
    double[] inside = new double[n];
    double[] depth = new double[n];
    double[] position = new double[n];
    double[] wordStart = new double[n];
    boolean quoted = false;
    int open = 0;
    int column = 0;
    boolean afterSpace = true;
    for (int t = 0; t < n; t++) {
      String tok = tokens.get(t);
      boolean eol = tok.equals(Vocabulary.EOS_TOKEN);
      boolean space = tok.equals(TokenizerSpec.SPACE_TOKEN);
      if (eol) {
        quoted = false;
        column = 0;
      } else {
        column++;
        for (int i = 0; i < tok.length(); i++) {
          char c = tok.charAt(i);
          if (c == '"') {
            quoted = !quoted;
          } else if (c == '(') {
            open++;
          } else if (c == ')') {
            open = Math.max(0, open - 1);
          }
        }
      }
      boolean wordy = !eol && !space && Character.isLetterOrDigit(tok.codePointAt(0));
      quotes[t] = quoted ? 1 : 0;
      inside[t] = open > 0 ? 1 : 0;
      depth[t] = open;
      position[t] = column;
      wordStart[t] = wordy && afterSpace ? 1 : 0;
      afterSpace = eol || space;
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put(NAMES.get(0), quotes);
    out.put(NAMES.get(1), inside);
    out.put(NAMES.get(2), depth);
    out.put(NAMES.get(3), position);
    out.put(NAMES.get(4), wordStart);
    return out;
  }
}
