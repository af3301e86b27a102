package org.nmt4j.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated texts with a learnable structure for the language model tests. */
public final class ToyTexts {
  private ToyTexts() {}

  /**
   * Lines of words with balanced, nested brackets (depth at most 2) and quoted phrases, e.g.
   * {@code ab (cd "hg kl" (ef)) "ij"}: the quotes never nest and never cross a bracket; words
   * outside quotes are of the letters a-f, quoted words of g-l (so a model must remember whether
   * it is inside quotes to predict the letter after a space).
   */
  public static List<String> bracketsAndQuotes(int lines, long seed) {
    return bracketsAndQuotes(lines, seed, true);
  }

  /**
   * {@link #bracketsAndQuotes(int, long)}, with quoted words of the letters a-f like the others
   * unless {@code distinctQuotedLetters}.
   */
  public static List<String> bracketsAndQuotes(int lines, long seed, boolean distinctQuotedLetters) {
    Random r = new Random(seed);
    char quotedFirst = distinctQuotedLetters ? 'g' : 'a';
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      StringBuilder sb = new StringBuilder();
      int items = 2 + r.nextInt(3);
      for (int k = 0; k < items; k++) {
        if (k > 0) {
          sb.append(' ');
        }
        item(sb, r, 0, quotedFirst);
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static void item(StringBuilder sb, Random r, int depth, char quotedFirst) {
    int kind = r.nextInt(depth < 2 ? 3 : 2);
    if (kind == 0) {
      word(sb, r, 'a');
    } else if (kind == 1) {
      sb.append('"');
      int words = 1 + r.nextInt(3);
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          sb.append(' ');
        }
        word(sb, r, quotedFirst);
      }
      sb.append('"');
    } else {
      sb.append('(');
      int n = 1 + r.nextInt(2);
      for (int k = 0; k < n; k++) {
        if (k > 0) {
          sb.append(' ');
        }
        item(sb, r, depth + 1, quotedFirst);
      }
      sb.append(')');
    }
  }

  private static void word(StringBuilder sb, Random r, char first) {
    int n = 2 + r.nextInt(3);
    for (int j = 0; j < n; j++) {
      sb.append((char) (first + r.nextInt(6)));
    }
  }

  /** Whether every bracket of a line is closed in order and the quotes pair up inside them. */
  public static boolean wellFormed(String line) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (quoted && (c == '(' || c == ')')) {
        return false;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) {
          return false;
        }
      }
    }
    return depth == 0 && !quoted;
  }
}
