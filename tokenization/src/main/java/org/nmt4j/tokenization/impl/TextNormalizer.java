package org.nmt4j.tokenization.impl;

import com.ibm.icu.text.Normalizer2;

/**
 * Optional NFKC normalisation and lowercasing, done exactly as Lucene's {@code
 * ICUNormalizer2Filter} (ICU's NFKC) and {@code LowerCaseFilter} ({@link
 * Character#toLowerCase(int)} per code point, independent of the locale) do them, so that every
 * tokenizer kind normalises the same way. Immutable and thread-safe.
 */
public final class TextNormalizer {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private final boolean lowercase;
    private final boolean nfkc;

    /**
     * @param lowercase lowercase code point by code point
     * @param nfkc apply Unicode NFKC first
     */
    public TextNormalizer(boolean lowercase, boolean nfkc) {
        this.lowercase = lowercase;
        this.nfkc = nfkc;
    }

    /** @return true when {@link #apply(String)} returns its argument unchanged */
    public boolean isIdentity() {
        return !lowercase && !nfkc;
    }

    /**
     * @param text any text
     * @return the text after NFKC (if on), then lowercasing (if on)
     */
    public String apply(String text) {
        String s = nfkc ? NFKC.normalize(text) : text;
        return lowercase ? lowercase(s) : s;
    }

    /**
     * @param text any text
     * @return the text with each code point replaced by {@link Character#toLowerCase(int)}
     */
    public static String lowercase(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int lower = Character.toLowerCase(c);
            if (lower != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.appendCodePoint(lower);
            }
            i += Character.charCount(c);
        }
        return out == null ? text : out.toString();
    }

    /**
     * Whether a code point separates tokens: Java whitespace or a Unicode space separator (the
     * latter includes no-break spaces, which {@link Character#isWhitespace(int)} excludes).
     *
     * @param c a code point
     * @return true for a separator
     */
    public static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
