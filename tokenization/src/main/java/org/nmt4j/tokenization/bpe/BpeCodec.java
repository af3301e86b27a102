package org.nmt4j.tokenization.bpe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies learned {@link BpeMerges} to tokens and undoes them.
 *
 * <p>Applying follows subword-nmt: a word becomes its characters, the last with the {@link
 * BpeMerges#END_OF_WORD} marker, then the adjacent pair with the lowest merge rank is merged
 * everywhere in the word, left to right, until no pair has a rank. Every subword but a word's
 * last gets the {@value #CONTINUATION} suffix ({@code Sonnen@@ schirm}), so undoing is joining
 * each subword that ends in {@value #CONTINUATION} to the next. One addition keeps that
 * unambiguous: a word whose last subword would end in {@value #CONTINUATION} itself (a word such
 * as {@code @@}) has that subword's last character split off as a final subword of its own.
 *
 * <p>Results are cached per word (up to {@value #CACHE_LIMIT} words, then the cache starts
 * over). Thread-safe.
 */
public final class BpeCodec {

    /** Suffix of every subword that is not the last of its word. */
    public static final String CONTINUATION = "@@";
    /** Words cached before the cache is cleared. */
    public static final int CACHE_LIMIT = 1 << 18;

    private final BpeMerges merges;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /** @param merges the merges to apply */
    public BpeCodec(BpeMerges merges) {
        this.merges = Objects.requireNonNull(merges, "merges");
    }

    /** @return the merges applied */
    public BpeMerges merges() {
        return merges;
    }

    /**
     * @param tokens tokens of one sentence
     * @return their subwords, in order, with {@value #CONTINUATION} on all but each word's last
     */
    public List<String> encode(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size() * 2);
        for (String token : tokens) {
            out.addAll(segment(token));
        }
        return out;
    }

    /**
     * @param word one token
     * @return its subwords with {@value #CONTINUATION} on all but the last; empty for an empty
     *     word
     */
    public List<String> segment(String word) {
        List<String> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> pieces = Collections.unmodifiableList(split(word));
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, pieces);
        return pieces;
    }

    private List<String> split(String word) {
        List<String> symbols = new ArrayList<>(word.length());
        for (int i = 0; i < word.length(); ) {
            int end = i + Character.charCount(word.codePointAt(i));
            symbols.add(word.substring(i, end));
            i = end;
        }
        if (symbols.isEmpty()) {
            return symbols;
        }
        int last = symbols.size() - 1;
        symbols.set(last, symbols.get(last) + BpeMerges.END_OF_WORD);
        while (symbols.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int rank = merges.rank(symbols.get(i), symbols.get(i + 1));
                if (rank >= 0 && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            String left = symbols.get(best);
            String right = symbols.get(best + 1);
            List<String> merged = new ArrayList<>(symbols.size() - 1);
            for (int i = 0; i < symbols.size(); ) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                    merged.add(left + right);
                    i += 2;
                } else {
                    merged.add(symbols.get(i++));
                }
            }
            symbols = merged;
        }
        last = symbols.size() - 1;
        String end = symbols.get(last);
        end = end.substring(0, end.length() - BpeMerges.END_OF_WORD.length());
        if (end.endsWith(CONTINUATION)) {
            int cut = end.offsetByCodePoints(end.length(), -1);
            symbols.set(last, end.substring(0, cut));
            symbols.add(end.substring(cut));
        } else {
            symbols.set(last, end);
        }
        for (int i = 0; i + 1 < symbols.size(); i++) {
            symbols.set(i, symbols.get(i) + CONTINUATION);
        }
        return symbols;
    }

    /**
     * Undoes {@link #encode}: each subword ending in {@value #CONTINUATION} is joined, without
     * the suffix, to the next. Lenient with model output: a dangling continuation at the end
     * still ends its word.
     *
     * @param subwords subwords of one sentence
     * @return the tokens
     */
    public List<String> decode(List<String> subwords) {
        List<String> out = new ArrayList<>(subwords.size());
        StringBuilder word = new StringBuilder();
        boolean open = false;
        for (String piece : subwords) {
            if (piece.endsWith(CONTINUATION)) {
                word.append(piece, 0, piece.length() - CONTINUATION.length());
                open = true;
            } else {
                word.append(piece);
                out.add(word.toString());
                word.setLength(0);
                open = false;
            }
        }
        if (open && word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }
}
