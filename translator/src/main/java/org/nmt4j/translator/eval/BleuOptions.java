package org.nmt4j.translator.eval;

import java.util.List;

/**
 * Options of {@link Bleu}. {@link #defaults()} is sacreBLEU 2.x's default BLEU
 * ({@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp}).
 *
 * @param lowercase      lowercase hypotheses and references before tokenizing (sacreBLEU
 *                       {@code --lowercase})
 * @param tokenize       {@code "13a"} (mteval-v13a, the WMT standard) or {@code "none"}
 *                       (split on whitespace only, for text that is already tokenized)
 * @param smoothMethod   {@code "exp"} (NIST geometric smoothing of zero precisions, the
 *                       default), {@code "floor"}, {@code "add-k"} or {@code "none"}
 * @param smoothValue    the floor for {@code floor} (default 0.1) or k for {@code add-k}
 *                       (default 1); ignored by {@code exp} and {@code none}
 * @param maxNgramOrder  the highest n-gram order, 4 for standard BLEU
 * @param effectiveOrder average only over n-gram orders that the hypothesis has, instead of
 *                       all {@code maxNgramOrder}; sentence-level BLEU always uses it
 */
public record BleuOptions(boolean lowercase, String tokenize, String smoothMethod, double smoothValue,
                          int maxNgramOrder, boolean effectiveOrder) {

    /** Valid values of {@link #tokenize()}. */
    public static final List<String> TOKENIZERS = List.of("13a", "none");
    /** Valid values of {@link #smoothMethod()}. */
    public static final List<String> SMOOTH_METHODS = List.of("exp", "floor", "add-k", "none");

    // Validates every option; messages name the option and its valid values.
    public BleuOptions {
        if (tokenize == null || !TOKENIZERS.contains(tokenize)) {
            throw new IllegalArgumentException("tokenize must be one of " + String.join(", ", TOKENIZERS)
                    + ", got " + tokenize);
        }
        if (smoothMethod == null || !SMOOTH_METHODS.contains(smoothMethod)) {
            throw new IllegalArgumentException("smooth-method must be one of " + String.join(", ", SMOOTH_METHODS)
                    + ", got " + smoothMethod);
        }
        if (!(smoothValue >= 0) || Double.isInfinite(smoothValue)) {
            throw new IllegalArgumentException("smooth-value must be a finite number >= 0, got " + smoothValue);
        }
        if (maxNgramOrder < 1) {
            throw new IllegalArgumentException("max-ngram-order must be >= 1, got " + maxNgramOrder);
        }
    }

    /**
     * sacreBLEU's defaults: cased, tokenizer 13a, exp smoothing, 4-grams, no effective order.
     *
     * @return the default options
     */
    public static BleuOptions defaults() {
        return new BleuOptions(false, "13a", "exp", 0.0, 4, false);
    }

    /**
     * The default smoothing value of a method, as sacreBLEU takes it from Chen and Cherry (2014).
     *
     * @param smoothMethod one of {@link #SMOOTH_METHODS}
     * @return 0.1 for floor, 1 for add-k, 0 for the others (which take no value)
     */
    public static double defaultSmoothValue(String smoothMethod) {
        if ("floor".equals(smoothMethod)) {
            return 0.1;
        }
        return "add-k".equals(smoothMethod) ? 1.0 : 0.0;
    }

    /**
     * @param value whether to lowercase
     * @return a copy with {@link #lowercase()} replaced
     */
    public BleuOptions withLowercase(boolean value) {
        return new BleuOptions(value, tokenize, smoothMethod, smoothValue, maxNgramOrder, effectiveOrder);
    }

    /**
     * @param value {@code "13a"} or {@code "none"}
     * @return a copy with {@link #tokenize()} replaced
     */
    public BleuOptions withTokenize(String value) {
        return new BleuOptions(lowercase, value, smoothMethod, smoothValue, maxNgramOrder, effectiveOrder);
    }

    /**
     * @param method one of {@link #SMOOTH_METHODS}, with its {@linkplain #defaultSmoothValue default value}
     * @return a copy with the smoothing replaced
     */
    public BleuOptions withSmoothing(String method) {
        return new BleuOptions(lowercase, tokenize, method, defaultSmoothValue(method), maxNgramOrder, effectiveOrder);
    }

    /**
     * @param method one of {@link #SMOOTH_METHODS}
     * @param value  the floor or k
     * @return a copy with the smoothing replaced
     */
    public BleuOptions withSmoothing(String method, double value) {
        return new BleuOptions(lowercase, tokenize, method, value, maxNgramOrder, effectiveOrder);
    }

    /**
     * @param value the highest n-gram order, at least 1
     * @return a copy with {@link #maxNgramOrder()} replaced
     */
    public BleuOptions withMaxNgramOrder(int value) {
        return new BleuOptions(lowercase, tokenize, smoothMethod, smoothValue, value, effectiveOrder);
    }

    /**
     * @param value whether to use the effective order
     * @return a copy with {@link #effectiveOrder()} replaced
     */
    public BleuOptions withEffectiveOrder(boolean value) {
        return new BleuOptions(lowercase, tokenize, smoothMethod, smoothValue, maxNgramOrder, value);
    }
}
