package org.nmt4j.translator.eval;

import java.util.List;
import java.util.stream.Collectors;

import org.nmt4j.translator.eval.impl.PythonFormat;

/**
 * A BLEU score with the details sacreBLEU prints.
 *
 * @param score      BLEU on the 0-100 scale
 * @param precisions n-gram precisions (0-100, after smoothing) per order, index 0 for unigrams
 * @param bp         brevity penalty in [0, 1]
 * @param ratio      hypothesis length / reference length (0 if the reference length is 0)
 * @param hypLen     hypothesis length in tokens
 * @param refLen     effective reference length in tokens
 * @param matches    clipped n-gram matches per order (before any add-k smoothing)
 * @param totals     hypothesis n-grams per order (before any add-k smoothing)
 */
public record BleuScore(double score, List<Double> precisions, double bp, double ratio, long hypLen, long refLen,
                        List<Long> matches, List<Long> totals) {

    // Copies the lists.
    public BleuScore {
        precisions = List.copyOf(precisions);
        matches = List.copyOf(matches);
        totals = List.copyOf(totals);
    }

    /**
     * The score line exactly as sacreBLEU prints it (without signature), e.g.
     * {@code BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}.
     * Rounding is Python's (half-even on the exact binary value).
     *
     * @return the one-line summary
     */
    public String format() {
        String precisionText = precisions.stream()
                .map(p -> PythonFormat.fixed(p, 1))
                .collect(Collectors.joining("/"));
        return "BLEU = " + PythonFormat.fixed(score, 2) + " " + precisionText
                + " (BP = " + PythonFormat.fixed(bp, 3)
                + " ratio = " + PythonFormat.fixed(ratio, 3)
                + " hyp_len = " + hypLen
                + " ref_len = " + refLen + ")";
    }

    @Override
    public String toString() {
        return format();
    }
}
