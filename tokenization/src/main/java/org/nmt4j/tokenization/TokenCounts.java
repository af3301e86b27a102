package org.nmt4j.tokenization;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts token occurrences, the input of {@link Vocabulary#build} and {@link
 * org.nmt4j.tokenization.bpe.BpeLearner}. Not thread-safe; count per thread and {@link
 * #addAll(TokenCounts)} the results.
 */
public final class TokenCounts {

    private final HashMap<String, Long> counts = new HashMap<>();
    private long total;

    /**
     * @param token a token
     */
    public void add(String token) {
        add(token, 1);
    }

    /**
     * @param token a token
     * @param n how many more times it occurred, >= 0
     */
    public void add(String token, long n) {
        Objects.requireNonNull(token, "token");
        if (n < 0) {
            throw new IllegalArgumentException("count of '" + token + "' must be >= 0, got " + n);
        }
        counts.merge(token, n, Long::sum);
        total += n;
    }

    /** @param tokens tokens of one sentence, each counted once per occurrence */
    public void addAll(Collection<String> tokens) {
        for (String token : tokens) {
            add(token, 1);
        }
    }

    /** @param other counts to add to these */
    public void addAll(TokenCounts other) {
        other.counts.forEach(this::add);
    }

    /**
     * @param token a token
     * @return how often it occurred, 0 if never
     */
    public long count(String token) {
        return counts.getOrDefault(token, 0L);
    }

    /** @return the number of running tokens counted */
    public long total() {
        return total;
    }

    /** @return the number of distinct tokens */
    public int distinct() {
        return counts.size();
    }

    /** @return a read-only view of token to count */
    public Map<String, Long> asMap() {
        return Collections.unmodifiableMap(counts);
    }
}
