package org.nmt4j.translator.eval.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace operations with the semantics of Python 3's {@code str.split()},
 * {@code str.rstrip()} and {@code str.isspace()}.
 *
 * <p>sacreBLEU defines tokens and characters through these Python functions. Java's
 * {@link Character#isWhitespace(int)} differs from them (it excludes U+0085, U+00A0, U+2007 and
 * U+202F), which would silently change n-gram counts on text with non-breaking spaces.
 */
public final class PythonWhitespace {

    private PythonWhitespace() {
    }

    /**
     * Whether Python 3 considers the code point whitespace ({@code chr(cp).isspace()}).
     *
     * @param codePoint a Unicode code point
     * @return true for exactly the 29 code points Python treats as whitespace
     */
    public static boolean isSpace(int codePoint) {
        if (codePoint <= 0x20) {
            return codePoint == 0x20 || (codePoint >= 0x09 && codePoint <= 0x0D)
                    || (codePoint >= 0x1C && codePoint <= 0x1F);
        }
        if (codePoint < 0x85) {
            return false;
        }
        if (codePoint >= 0x2000 && codePoint <= 0x200A) {
            return true;
        }
        switch (codePoint) {
            case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return false;
        }
    }

    /**
     * Python's {@code text.split()}: maximal runs of non-whitespace, no empty strings.
     *
     * @param text any string
     * @return the whitespace-separated fields, in order
     */
    public static List<String> split(String text) {
        List<String> fields = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < length) {
                cp = text.codePointAt(i);
                if (isSpace(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            fields.add(text.substring(start, i));
        }
        return fields;
    }

    /**
     * Python's {@code ' '.join(text.split())}: trims and collapses whitespace runs to one space.
     *
     * @param text any string
     * @return the normalised string
     */
    public static String collapse(String text) {
        return String.join(" ", split(text));
    }

    /**
     * Python's {@code ''.join(text.split())}: removes every whitespace character.
     *
     * @param text any string
     * @return the string without whitespace
     */
    public static String remove(String text) {
        return String.join("", split(text));
    }

    /**
     * Python's {@code text.rstrip()}.
     *
     * @param text any string
     * @return the string without trailing whitespace
     */
    public static String rstrip(String text) {
        int end = text.length();
        while (end > 0) {
            int cp = text.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return text.substring(0, end);
    }
}
