package org.nmt4j.corpora.filter;

/**
 * 64-bit fingerprints of sentences and pairs for duplicate detection: FNV-1a over the UTF-16
 * chars, finished with the SplitMix64 mixer. Two different pairs share a fingerprint with
 * probability about 2^-64 each, so among n pairs a false "duplicate" has a chance of about
 * n^2 / 2^65: 3e-6 for 10 million pairs, 3e-4 for 100 million.
 */
public final class PairHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private PairHash() {}

  /** The fingerprint of one string. */
  public static long of(CharSequence s) {
    return finish(update(FNV_OFFSET, s));
  }

  /**
   * The fingerprint of a pair; the source's length goes in first, so ("ab", "c") and ("a",
   * "bc") differ.
   */
  public static long of(CharSequence source, CharSequence target) {
    long h = FNV_OFFSET;
    h = (h ^ source.length()) * FNV_PRIME;
    h = update(h, source);
    h = update(h, target);
    return finish(h);
  }

  private static long update(long h, CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The key under which two sentences count as near-duplicates: lowercased (per code point, as
   * {@link Character#toLowerCase(int)}), with every code point that is not a letter or a digit
   * removed (punctuation, symbols, whitespace, marks). "The cat, sat." and "the cat sat" share
   * one key.
   */
  public static String nearKey(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.appendCodePoint(Character.toLowerCase(c));
      }
      i += Character.charCount(c);
    }
    return b.toString();
  }
}
