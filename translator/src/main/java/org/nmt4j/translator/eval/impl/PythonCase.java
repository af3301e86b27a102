package org.nmt4j.translator.eval.impl;

import java.util.Locale;

/**
 * Python 3's {@code str.lower()}, which sacreBLEU applies for case-insensitive scores.
 *
 * <p>Java's {@link String#toLowerCase(Locale)} with {@link Locale#ROOT} uses the same full
 * Unicode mappings except for the context-dependent final sigma: Java looks past digits and
 * punctuation for a following letter, so it lowercases the Σ of {@code "ΟΔΟΣ10"} to σ, where
 * Unicode's Final_Sigma rule (and Python) gives ς. This class decides each capital sigma by the
 * Unicode rule and lets Java map everything else.
 */
public final class PythonCase {

    private static final int CAPITAL_SIGMA = 0x03A3;
    private static final String SMALL_SIGMA = "\u03C3";
    private static final String FINAL_SIGMA = "\u03C2";

    private PythonCase() {
    }

    /**
     * Lowercases like Python's {@code text.lower()}.
     *
     * @param text any string
     * @return its lowercase form
     */
    public static String lower(String text) {
        if (text.indexOf(CAPITAL_SIGMA) < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        int sigma;
        while ((sigma = text.indexOf(CAPITAL_SIGMA, start)) >= 0) {
            // No capital sigma in between, so Java's mapping of this run has no context to get wrong.
            out.append(text.substring(start, sigma).toLowerCase(Locale.ROOT));
            out.append(isFinal(text, sigma) ? FINAL_SIGMA : SMALL_SIGMA);
            start = sigma + 1;
        }
        out.append(text.substring(start).toLowerCase(Locale.ROOT));
        return out.toString();
    }

    /**
     * Unicode's Final_Sigma context: a cased letter before (skipping case-ignorables) and no
     * cased letter after (skipping case-ignorables).
     */
    private static boolean isFinal(String text, int sigma) {
        int i = sigma;
        int before = -1;
        while (i > 0) {
            int cp = text.codePointBefore(i);
            i -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        i = sigma + 1;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
        }
        return true;
    }

    /** Unicode's Cased property: Lowercase, Uppercase or titlecase letter. */
    static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /**
     * Unicode's Case_Ignorable property: categories Mn, Me, Cf, Lm, Sk, and the Word_Break
     * classes MidLetter, MidNumLet and Single_Quote (listed, as Java exposes no Word_Break).
     */
    static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
                    Character.MODIFIER_LETTER, Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            // Word_Break=MidLetter
            case 0x003A, 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A:
            // Word_Break=MidNumLet and Single_Quote
            case 0x002E, 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E, 0x0027:
                return true;
            default:
                return false;
        }
    }
}
