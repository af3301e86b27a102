package org.nmt4j.translator.eval;

import org.nmt4j.translator.eval.impl.PythonFormat;

/**
 * A chrF score.
 *
 * @param score     chrF on the 0-100 scale
 * @param charOrder character n-gram order it used
 * @param wordOrder word n-gram order it used (2 for chrF++)
 * @param beta      recall weight it used
 */
public record ChrfScore(double score, int charOrder, int wordOrder, int beta) {

    /**
     * The metric's name as sacreBLEU writes it: {@code chrF2}, or {@code chrF2++} with word order 2.
     *
     * @return the name
     */
    public String name() {
        return "chrF" + beta + "+".repeat(wordOrder);
    }

    /**
     * The score line exactly as sacreBLEU prints it (without signature), e.g. {@code chrF2 = 57.16}.
     *
     * @return the one-line summary
     */
    public String format() {
        return name() + " = " + PythonFormat.fixed(score, 2);
    }

    @Override
    public String toString() {
        return format();
    }
}
