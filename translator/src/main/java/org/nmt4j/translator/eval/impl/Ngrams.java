package org.nmt4j.translator.eval.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of word and character n-grams, one map per order (index 0 holds unigrams).
 *
 * <p>Word n-grams are keyed by their tokens joined with a single space, which is unambiguous
 * because tokens never contain whitespace. Character n-grams are taken over Unicode code points,
 * as Python strings index them, so a character outside the BMP counts once, not twice.
 */
public final class Ngrams {

    private Ngrams() {
    }

    /**
     * Counts all word n-grams of orders 1 to {@code maxOrder}.
     *
     * @param tokens   the tokens of one segment
     * @param maxOrder the highest order, at least 1
     * @return {@code maxOrder} maps from n-gram to count
     */
    public static List<Map<String, Integer>> words(List<String> tokens, int maxOrder) {
        List<Map<String, Integer>> counts = new ArrayList<>(maxOrder);
        for (int n = 1; n <= maxOrder; n++) {
            Map<String, Integer> order = new HashMap<>();
            for (int i = 0; i + n <= tokens.size(); i++) {
                order.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
            counts.add(order);
        }
        return counts;
    }

    /**
     * Counts all character n-grams of orders 1 to {@code maxOrder}.
     *
     * @param text     the characters, already stripped of whitespace if that is wanted
     * @param maxOrder the highest order, at least 1
     * @return {@code maxOrder} maps from n-gram to count
     */
    public static List<Map<String, Integer>> characters(String text, int maxOrder) {
        int[] codePoints = text.codePoints().toArray();
        List<Map<String, Integer>> counts = new ArrayList<>(maxOrder);
        for (int n = 1; n <= maxOrder; n++) {
            Map<String, Integer> order = new HashMap<>();
            for (int i = 0; i + n <= codePoints.length; i++) {
                order.merge(new String(codePoints, i, n), 1, Integer::sum);
            }
            counts.add(order);
        }
        return counts;
    }

    /**
     * Total number of n-grams in one order's counts.
     *
     * @param counts a map from n-gram to count
     * @return the sum of all counts
     */
    public static long total(Map<String, Integer> counts) {
        long sum = 0;
        for (int c : counts.values()) {
            sum += c;
        }
        return sum;
    }

    /**
     * Clipped matches: the sum over hypothesis n-grams of min(hypothesis count, reference count).
     *
     * @param hypothesis one order's hypothesis counts
     * @param reference  the same order's reference counts
     * @return the number of matching n-grams
     */
    public static long clippedMatches(Map<String, Integer> hypothesis, Map<String, Integer> reference) {
        long matches = 0;
        for (Map.Entry<String, Integer> e : hypothesis.entrySet()) {
            Integer r = reference.get(e.getKey());
            if (r != null) {
                matches += Math.min(e.getValue(), r);
            }
        }
        return matches;
    }
}
