package org.nmt4j.translator.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * chrF's additive sufficient statistics for one segment or a corpus, per n-gram order: first the
 * character orders 1..charOrder, then the word orders 1..wordOrder.
 *
 * @param hypothesis hypothesis n-grams per order (0 for an order the chosen reference lacks,
 *                   as sacreBLEU counts them)
 * @param reference  reference n-grams per order
 * @param matches    clipped matching n-grams per order
 */
public record ChrfStatistics(List<Long> hypothesis, List<Long> reference, List<Long> matches) {

    // Validates and copies.
    public ChrfStatistics {
        hypothesis = List.copyOf(hypothesis);
        reference = List.copyOf(reference);
        matches = List.copyOf(matches);
        if (hypothesis.isEmpty() || reference.size() != hypothesis.size() || matches.size() != hypothesis.size()) {
            throw new IllegalArgumentException("chrF statistics need the same number (>= 1) of hypothesis, reference"
                    + " and match counts, got " + hypothesis.size() + ", " + reference.size() + ", " + matches.size());
        }
    }

    /**
     * Empty statistics to start an accumulation.
     *
     * @param orders number of orders (character plus word)
     * @return statistics of an empty corpus
     */
    public static ChrfStatistics zero(int orders) {
        List<Long> zeros = Collections.nCopies(orders, 0L);
        return new ChrfStatistics(zeros, zeros, zeros);
    }

    /**
     * @return the number of orders (character plus word)
     */
    public int orders() {
        return hypothesis.size();
    }

    /**
     * Sums two statistics.
     *
     * @param other statistics with the same number of orders
     * @return the element-wise sum
     */
    public ChrfStatistics plus(ChrfStatistics other) {
        if (other.orders() != orders()) {
            throw new IllegalArgumentException("cannot add chrF statistics of " + orders() + " and "
                    + other.orders() + " orders");
        }
        return new ChrfStatistics(sum(hypothesis, other.hypothesis), sum(reference, other.reference),
                sum(matches, other.matches));
    }

    private static List<Long> sum(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) + b.get(i));
        }
        return out;
    }
}
