package org.nmt4j.corpora;

import java.text.Normalizer;

/**
 * Normalises the text of a pair before it is filtered and written: Unicode NFC (composed
 * accents, so that "é" is one code point whichever way it was typed), control characters removed
 * (and the zero-width space, word joiner and byte-order mark, but not the zero-width
 * (non-)joiners that Persian and Indic scripts need; a tab counts as space), and runs of whitespace, no-break spaces included, collapsed to one space with none at
 * the ends. Stateless and thread-safe.
 */
public final class TextCleaner {

  private TextCleaner() {}

  /** The pair with both sides cleaned (the same object when nothing changed). */
  public static SentencePair clean(SentencePair p) {
    String s = clean(p.source());
    String t = clean(p.target());
    return s.equals(p.source()) && t.equals(p.target())
        ? p : new SentencePair(s, t, p.file(), p.line());
  }

  /** One sentence cleaned. */
  public static String clean(String text) {
    String n = Normalizer.isNormalized(text, Normalizer.Form.NFC)
        ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder b = new StringBuilder(n.length());
    boolean space = false;
    for (int i = 0; i < n.length(); ) {
      int c = n.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = b.length() > 0;
        continue;
      }
      if (Character.getType(c) == Character.CONTROL || c == 0x200B || c == 0xFEFF || c == 0x2060) {
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.appendCodePoint(c);
    }
    return b.length() == n.length() && b.toString().equals(n) ? n : b.toString();
  }
}
