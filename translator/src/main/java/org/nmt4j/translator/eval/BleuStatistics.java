package org.nmt4j.translator.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * BLEU's additive sufficient statistics for one segment or a whole corpus: corpus BLEU is
 * computed from the sum of the segments' statistics, never from averaged sentence scores.
 *
 * @param hypLen  hypothesis length in tokens
 * @param refLen  length of the reference closest in length to the hypothesis (the shorter one
 *                on ties), summed over segments
 * @param matches clipped n-gram matches per order, index 0 for unigrams
 * @param totals  hypothesis n-grams per order, same length as {@code matches}
 */
public record BleuStatistics(long hypLen, long refLen, List<Long> matches, List<Long> totals) {

    // Validates and copies.
    public BleuStatistics {
        matches = List.copyOf(matches);
        totals = List.copyOf(totals);
        if (matches.isEmpty() || matches.size() != totals.size()) {
            throw new IllegalArgumentException("BLEU statistics need the same number (>= 1) of match and total counts, got "
                    + matches.size() + " and " + totals.size());
        }
        if (hypLen < 0 || refLen < 0) {
            throw new IllegalArgumentException("BLEU lengths must be >= 0, got hyp " + hypLen + ", ref " + refLen);
        }
        for (int i = 0; i < matches.size(); i++) {
            if (matches.get(i) < 0 || matches.get(i) > totals.get(i)) {
                throw new IllegalArgumentException("BLEU " + (i + 1) + "-gram matches must be in [0, total "
                        + totals.get(i) + "], got " + matches.get(i));
            }
        }
    }

    /**
     * Empty statistics to start an accumulation.
     *
     * @param maxNgramOrder the number of n-gram orders
     * @return statistics of an empty corpus
     */
    public static BleuStatistics zero(int maxNgramOrder) {
        List<Long> zeros = Collections.nCopies(maxNgramOrder, 0L);
        return new BleuStatistics(0, 0, zeros, zeros);
    }

    /**
     * @return the highest n-gram order
     */
    public int maxNgramOrder() {
        return matches.size();
    }

    /**
     * Sums two statistics, e.g. a corpus so far and one more segment.
     *
     * @param other statistics with the same n-gram order
     * @return the element-wise sum
     */
    public BleuStatistics plus(BleuStatistics other) {
        if (other.maxNgramOrder() != maxNgramOrder()) {
            throw new IllegalArgumentException("cannot add BLEU statistics of max n-gram order " + maxNgramOrder()
                    + " and " + other.maxNgramOrder());
        }
        List<Long> m = new ArrayList<>(matches.size());
        List<Long> t = new ArrayList<>(totals.size());
        for (int i = 0; i < matches.size(); i++) {
            m.add(matches.get(i) + other.matches.get(i));
            t.add(totals.get(i) + other.totals.get(i));
        }
        return new BleuStatistics(hypLen + other.hypLen, refLen + other.refLen, m, t);
    }
}
