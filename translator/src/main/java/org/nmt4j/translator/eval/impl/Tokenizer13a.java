package org.nmt4j.translator.eval.impl;

import java.util.regex.Pattern;

/**
 * The mteval-v13a tokenizer as defined by sacreBLEU ({@code --tokenize 13a}), the default
 * tokenization of BLEU scores reported at WMT.
 *
 * <p>It first undoes the few SGML escapes mteval handled and removes {@code <skipped>} markers,
 * then separates ASCII punctuation and symbols from words, splits periods and commas except
 * inside numbers (so {@code 3.5} and {@code 1,000} stay whole) and splits a dash that follows a
 * digit. Everything outside ASCII is left alone. Stateless and thread-safe.
 */
public final class Tokenizer13a {

    /**
     * ASCII symbols always split off: the ranges {@code {-~}, {@code [-`}, space to {@code &},
     * {@code (-+}, {@code :-@} and {@code /}. Apostrophe, comma, dash and period are absent on
     * purpose; they get the context-dependent rules below.
     */
    private static final Pattern SYMBOL = Pattern.compile("([\\{-\\~\\[-\\`\\x20-\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    /**
     * Tokenizes one segment.
     *
     * @param line a detokenized segment (may contain any Unicode)
     * @return the tokens separated by single spaces, without leading or trailing space
     */
    public String tokenize(String line) {
        String text = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (text.indexOf('&') >= 0) {
            // Order matters: "&amp;lt;" becomes "&lt;" and then "<", exactly as in mteval.
            text = text.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        // The padding lets the context rules below see a non-digit at both ends of the line.
        text = " " + text + " ";
        text = SYMBOL.matcher(text).replaceAll(" $1 ");
        text = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(text).replaceAll("$1 $2 ");
        text = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(text).replaceAll(" $1 $2");
        text = DASH_AFTER_DIGIT.matcher(text).replaceAll("$1 $2 ");
        return PythonWhitespace.collapse(text);
    }
}
