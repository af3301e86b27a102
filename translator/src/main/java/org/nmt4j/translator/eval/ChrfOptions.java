package org.nmt4j.translator.eval;

/**
 * Options of {@link Chrf}. {@link #defaults()} is sacreBLEU 2.x's default chrF2
 * ({@code nc:6|nw:0|space:no|case:mixed|eff:yes}); word order 2 gives chrF++.
 *
 * @param charOrder    highest character n-gram order, at least 1 (6 by default)
 * @param wordOrder    highest word n-gram order, 0 for chrF, 2 for chrF++
 * @param beta         weight of recall relative to precision (2 by default: chrF2)
 * @param lowercase    lowercase hypotheses and references first
 * @param whitespace   keep whitespace inside character n-grams (sacreBLEU removes it by default)
 * @param epsSmoothing average per-order F-scores with epsilon for missing orders (chrF++.py,
 *                     NLTK and Moses style) instead of sacreBLEU's default of averaging
 *                     precision and recall over the orders both sides have
 */
public record ChrfOptions(int charOrder, int wordOrder, int beta, boolean lowercase, boolean whitespace,
                          boolean epsSmoothing) {

    // Validates every option; messages name the option and its valid values.
    public ChrfOptions {
        if (charOrder < 1) {
            throw new IllegalArgumentException("chrf-char-order must be >= 1, got " + charOrder);
        }
        if (wordOrder < 0) {
            throw new IllegalArgumentException("chrf-word-order must be >= 0, got " + wordOrder);
        }
        if (beta < 0) {
            throw new IllegalArgumentException("chrf-beta must be >= 0, got " + beta);
        }
    }

    /**
     * sacreBLEU's defaults: chrF2 on character 6-grams, cased, whitespace removed, effective order.
     *
     * @return the default options
     */
    public static ChrfOptions defaults() {
        return new ChrfOptions(6, 0, 2, false, false, false);
    }

    /**
     * @param value highest character n-gram order
     * @return a copy with {@link #charOrder()} replaced
     */
    public ChrfOptions withCharOrder(int value) {
        return new ChrfOptions(value, wordOrder, beta, lowercase, whitespace, epsSmoothing);
    }

    /**
     * @param value highest word n-gram order (2 for chrF++)
     * @return a copy with {@link #wordOrder()} replaced
     */
    public ChrfOptions withWordOrder(int value) {
        return new ChrfOptions(charOrder, value, beta, lowercase, whitespace, epsSmoothing);
    }

    /**
     * @param value recall weight
     * @return a copy with {@link #beta()} replaced
     */
    public ChrfOptions withBeta(int value) {
        return new ChrfOptions(charOrder, wordOrder, value, lowercase, whitespace, epsSmoothing);
    }

    /**
     * @param value whether to lowercase
     * @return a copy with {@link #lowercase()} replaced
     */
    public ChrfOptions withLowercase(boolean value) {
        return new ChrfOptions(charOrder, wordOrder, beta, value, whitespace, epsSmoothing);
    }

    /**
     * @param value whether to keep whitespace in character n-grams
     * @return a copy with {@link #whitespace()} replaced
     */
    public ChrfOptions withWhitespace(boolean value) {
        return new ChrfOptions(charOrder, wordOrder, beta, lowercase, value, epsSmoothing);
    }

    /**
     * @param value whether to use epsilon smoothing
     * @return a copy with {@link #epsSmoothing()} replaced
     */
    public ChrfOptions withEpsSmoothing(boolean value) {
        return new ChrfOptions(charOrder, wordOrder, beta, lowercase, whitespace, value);
    }
}
