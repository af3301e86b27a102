package org.nmt4j.tokenization.bpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Learns byte-pair-encoding merges from word counts (Sennrich, Haddow and Birch, 2016, "Neural
 * Machine Translation of Rare Words with Subword Units"): start from characters, with an
 * end-of-word marker on each word's last character, and repeatedly merge the most frequent
 * adjacent symbol pair.
 *
 * <p>Fast because nothing is rescanned per merge: pair counts are kept up to date
 * incrementally, an index from each pair to the words that contain it finds the words a merge
 * touches, and a max-heap with lazy deletion finds the most frequent pair. Ties between equally
 * frequent pairs go to the smaller (left, right) in Java string order, so the result depends only
 * on the counts.
 *
 * <p>Stateless and thread-safe; each {@link #learn} call works on its own data.
 */
public final class BpeLearner {

    /** subword-nmt's default: stop when the most frequent pair occurs fewer than 2 times. */
    public static final int DEFAULT_MIN_PAIR_FREQUENCY = 2;

    private final int minPairFrequency;

    /** A learner with {@link #DEFAULT_MIN_PAIR_FREQUENCY}. */
    public BpeLearner() {
        this(DEFAULT_MIN_PAIR_FREQUENCY);
    }

    /**
     * @param minPairFrequency stop early when the most frequent pair occurs fewer times, >= 1
     */
    public BpeLearner(int minPairFrequency) {
        if (minPairFrequency < 1) {
            throw new IllegalArgumentException("BPE min pair frequency must be >= 1, got " + minPairFrequency);
        }
        this.minPairFrequency = minPairFrequency;
    }

    /**
     * Learns merges for one side, or for both when given their summed counts.
     *
     * @param wordCounts word to number of occurrences; words are tokenizer tokens, without
     *     whitespace
     * @param numMerges the number of merges wanted, >= 0; fewer are returned when no pair occurs
     *     at least the minimum pair frequency
     * @return the merges in the order learned
     * @throws IllegalArgumentException for a bad count or a word with whitespace
     */
    public BpeMerges learn(Map<String, Long> wordCounts, int numMerges) {
        Objects.requireNonNull(wordCounts, "wordCounts");
        if (numMerges < 0) {
            throw new IllegalArgumentException("number of BPE merges must be >= 0, got " + numMerges);
        }
        return new Run(wordCounts).learn(numMerges, minPairFrequency);
    }

    /**
     * Learns one set of merges over both languages of a corpus (joint BPE), from their summed
     * counts, so that words spelt alike on both sides are split alike.
     *
     * @param source source-side word counts
     * @param target target-side word counts
     * @param numMerges the number of merges wanted, >= 0
     * @return the merges
     */
    public BpeMerges learnJoint(Map<String, Long> source, Map<String, Long> target, int numMerges) {
        Map<String, Long> sum = new HashMap<>(source);
        target.forEach((word, n) -> sum.merge(word, n, Long::sum));
        return learn(sum, numMerges);
    }

    /** A heap entry; stale when {@code count} differs from the pair's current count. */
    private record Candidate(long count, int pair) {
    }

    /** The state of one learning run: words as symbol-id arrays, pair counts and index. */
    private static final class Run {
        private static final int[] NO_WORDS = new int[0];

        private final List<String> symbols = new ArrayList<>();
        private final Map<String, Integer> symbolIds = new HashMap<>();

        private final int[][] words;
        private final int[] lengths;
        private final long[] freqs;
        private final int[] wordStamp;

        private final Map<Long, Integer> pairIds = new HashMap<>();
        private int pairCount;
        private int[] pairLeft = new int[1024];
        private int[] pairRight = new int[1024];
        private long[] counts = new long[1024];
        private int[][] pairWords = new int[1024][];
        private int[] pairWordsSize = new int[1024];
        // pairs whose count changed during the current merge, with their count before it
        private int[] touchStamp = new int[1024];
        private long[] countBefore = new long[1024];
        private int[] touched = new int[1024];
        private int touchedSize;
        private int stamp;

        private final PriorityQueue<Candidate> heap;

        Run(Map<String, Long> wordCounts) {
            heap = new PriorityQueue<>((x, y) -> {
                int c = Long.compare(y.count(), x.count());
                if (c != 0) {
                    return c;
                }
                c = symbols.get(pairLeft[x.pair()]).compareTo(symbols.get(pairLeft[y.pair()]));
                return c != 0 ? c : symbols.get(pairRight[x.pair()]).compareTo(symbols.get(pairRight[y.pair()]));
            });
            // sorted, so that symbol and pair ids (and hence nothing else) do not depend on hashing
            TreeMap<String, Long> sorted = new TreeMap<>();
            for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
                String word = Objects.requireNonNull(e.getKey(), "word");
                Long n = e.getValue();
                if (n == null || n < 0) {
                    throw new IllegalArgumentException("count of word '" + word + "' must be >= 0, got " + n);
                }
                for (int i = 0; i < word.length(); i++) {
                    if (Character.isWhitespace(word.charAt(i))) {
                        throw new IllegalArgumentException("BPE word '" + word + "' holds whitespace");
                    }
                }
                if (n > 0 && !word.isEmpty()) {
                    sorted.put(word, n);
                }
            }
            words = new int[sorted.size()][];
            lengths = new int[sorted.size()];
            freqs = new long[sorted.size()];
            wordStamp = new int[sorted.size()];
            int w = 0;
            for (Map.Entry<String, Long> e : sorted.entrySet()) {
                String word = e.getKey();
                int[] seq = new int[word.codePointCount(0, word.length())];
                int k = 0;
                for (int i = 0; i < word.length(); ) {
                    int end = i + Character.charCount(word.codePointAt(i));
                    String symbol = word.substring(i, end);
                    seq[k++] = symbol(end == word.length() ? symbol + BpeMerges.END_OF_WORD : symbol);
                    i = end;
                }
                words[w] = seq;
                lengths[w] = seq.length;
                freqs[w] = e.getValue();
                for (int i = 0; i + 1 < seq.length; i++) {
                    int p = pair(seq[i], seq[i + 1]);
                    counts[p] += freqs[w];
                    index(p, w);
                }
                w++;
            }
            for (int p = 0; p < pairCount; p++) {
                heap.add(new Candidate(counts[p], p));
            }
        }

        BpeMerges learn(int numMerges, int minPairFrequency) {
            List<BpeMerges.Merge> merges = new ArrayList<>(numMerges);
            while (merges.size() < numMerges && !heap.isEmpty()) {
                Candidate top = heap.poll();
                if (top.count() != counts[top.pair()]) {
                    continue; // stale
                }
                if (top.count() < minPairFrequency) {
                    break;
                }
                int p = top.pair();
                merges.add(new BpeMerges.Merge(symbols.get(pairLeft[p]), symbols.get(pairRight[p])));
                merge(p, merges.size());
            }
            return new BpeMerges(merges);
        }

        /** Replaces every occurrence of pair {@code p} in the words that hold it. */
        private void merge(int p, int mergeNumber) {
            int a = pairLeft[p];
            int b = pairRight[p];
            int c = symbol(symbols.get(a) + symbols.get(b));
            int[] list = pairWords[p];
            int listSize = pairWordsSize[p];
            pairWords[p] = NO_WORDS;
            pairWordsSize[p] = 0;
            stamp++;
            touchedSize = 0;
            for (int k = 0; k < listSize; k++) {
                int w = list[k];
                if (wordStamp[w] == mergeNumber) {
                    continue;
                }
                wordStamp[w] = mergeNumber;
                int[] seq = words[w];
                int len = lengths[w];
                boolean holds = false;
                for (int i = 0; i + 1 < len && !holds; i++) {
                    holds = seq[i] == a && seq[i + 1] == b;
                }
                if (!holds) {
                    continue; // the index is allowed to be stale
                }
                long f = freqs[w];
                for (int i = 0; i + 1 < len; i++) {
                    addCount(pairIds.get(key(seq[i], seq[i + 1])), -f);
                }
                int j = 0;
                for (int i = 0; i < len; ) {
                    if (i + 1 < len && seq[i] == a && seq[i + 1] == b) {
                        seq[j++] = c;
                        i += 2;
                    } else {
                        seq[j++] = seq[i++];
                    }
                }
                lengths[w] = j;
                for (int i = 0; i + 1 < j; i++) {
                    int q = pair(seq[i], seq[i + 1]);
                    addCount(q, f);
                    if (seq[i] == c || seq[i + 1] == c) {
                        index(q, w); // only pairs with the new symbol are new to this word
                    }
                }
            }
            for (int t = 0; t < touchedSize; t++) {
                int q = touched[t];
                if (counts[q] != countBefore[q] && counts[q] > 0) {
                    heap.add(new Candidate(counts[q], q));
                }
            }
        }

        private void addCount(int q, long delta) {
            if (touchStamp[q] != stamp) {
                touchStamp[q] = stamp;
                countBefore[q] = counts[q];
                if (touchedSize == touched.length) {
                    touched = Arrays.copyOf(touched, touchedSize * 2);
                }
                touched[touchedSize++] = q;
            }
            counts[q] += delta;
        }

        private int symbol(String s) {
            Integer id = symbolIds.get(s);
            if (id == null) {
                id = symbols.size();
                symbols.add(s);
                symbolIds.put(s, id);
            }
            return id;
        }

        private static long key(int a, int b) {
            return ((long) a << 32) | (b & 0xffffffffL);
        }

        private int pair(int a, int b) {
            Integer id = pairIds.get(key(a, b));
            if (id != null) {
                return id;
            }
            if (pairCount == counts.length) {
                int n = pairCount * 2;
                pairLeft = Arrays.copyOf(pairLeft, n);
                pairRight = Arrays.copyOf(pairRight, n);
                counts = Arrays.copyOf(counts, n);
                pairWords = Arrays.copyOf(pairWords, n);
                pairWordsSize = Arrays.copyOf(pairWordsSize, n);
                touchStamp = Arrays.copyOf(touchStamp, n);
                countBefore = Arrays.copyOf(countBefore, n);
            }
            int p = pairCount++;
            pairLeft[p] = a;
            pairRight[p] = b;
            pairWords[p] = NO_WORDS;
            pairIds.put(key(a, b), p);
            return p;
        }

        private void index(int p, int w) {
            int size = pairWordsSize[p];
            int[] list = pairWords[p];
            if (size > 0 && list[size - 1] == w) {
                return;
            }
            if (size == list.length) {
                list = Arrays.copyOf(list, Math.max(4, size * 2));
                pairWords[p] = list;
            }
            list[size] = w;
            pairWordsSize[p] = size + 1;
        }
    }
}
