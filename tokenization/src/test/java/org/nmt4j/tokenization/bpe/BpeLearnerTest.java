package org.nmt4j.tokenization.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeLearnerTest {

    private static final Map<String, Long> SENNRICH = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);

    @Test
    void learnsThePaperExample() {
        BpeMerges merges = new BpeLearner().learn(SENNRICH, 4);
        // (e,s) and (s,t</w>) both occur 9 times: the tie goes to the smaller left symbol
        assertEquals(List.of("e s", "es t</w>", "l o", "e w"), merges.list().stream().map(Object::toString).toList());
    }

    @Test
    void matchesANaiveRescanningLearnerOnRandomCorpora() {
        for (long seed = 1; seed <= 25; seed++) {
            Random random = new Random(seed);
            Map<String, Long> counts = new HashMap<>();
            int words = 20 + random.nextInt(200);
            String alphabet = seed % 2 == 0 ? "ab" : "abcdeé\uD83D\uDE00";
            for (int w = 0; w < words; w++) {
                StringBuilder word = new StringBuilder();
                int length = 1 + random.nextInt(9);
                while (word.codePointCount(0, word.length()) < length) {
                    int k = random.nextInt(alphabet.codePointCount(0, alphabet.length()));
                    word.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, k)));
                }
                counts.merge(word.toString(), 1L + random.nextInt(20), Long::sum);
            }
            int minFrequency = 1 + (int) (seed % 3);
            List<String> expected = naive(counts, 300, minFrequency);
            List<String> actual = new BpeLearner(minFrequency).learn(counts, 300).list().stream()
                    .map(Object::toString).toList();
            assertEquals(expected, actual, "seed " + seed);
        }
    }

    @Test
    void resultDoesNotDependOnMapOrder() {
        Map<String, Long> forward = new LinkedHashMap<>();
        Map<String, Long> backward = new LinkedHashMap<>();
        List<String> words = new ArrayList<>(List.of("aab", "abab", "bba", "ba", "aaaa", "b", "ab"));
        for (String w : words) {
            forward.put(w, 3L);
        }
        words.sort(Comparator.reverseOrder());
        for (String w : words) {
            backward.put(w, 3L);
        }
        assertEquals(new BpeLearner().learn(forward, 50), new BpeLearner().learn(backward, 50));
    }

    @Test
    void stopsWhenNoPairIsFrequentEnough() {
        assertEquals(0, new BpeLearner().learn(Map.of("ab", 1L, "cd", 1L), 10).size());
        assertEquals(2, new BpeLearner(1).learn(Map.of("ab", 1L, "cd", 1L), 10).size());
        assertEquals(0, new BpeLearner().learn(SENNRICH, 0).size());
        assertEquals(0, new BpeLearner().learn(Map.of(), 10).size());
    }

    @Test
    void jointLearningSumsBothSides() {
        Map<String, Long> de = Map.of("Haus", 3L, "Maus", 2L);
        Map<String, Long> en = Map.of("house", 4L, "mouse", 1L);
        Map<String, Long> sum = new HashMap<>(de);
        en.forEach((k, v) -> sum.merge(k, v, Long::sum));
        assertEquals(new BpeLearner().learn(sum, 20), new BpeLearner().learnJoint(de, en, 20));
    }

    @Test
    void badInputIsRejected() {
        assertEquals("number of BPE merges must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new BpeLearner().learn(SENNRICH, -1)).getMessage());
        assertEquals("BPE min pair frequency must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BpeLearner(0)).getMessage());
        assertEquals("BPE word 'a b' holds whitespace",
                assertThrows(IllegalArgumentException.class, () -> new BpeLearner().learn(Map.of("a b", 2L), 5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BpeLearner().learn(Map.of("ab", -2L), 5));
    }

    /** The textbook algorithm: recount every pair of every word before each merge. */
    static List<String> naive(Map<String, Long> counts, int numMerges, int minFrequency) {
        Map<List<String>, Long> words = new HashMap<>();
        counts.forEach((word, n) -> {
            List<String> symbols = new ArrayList<>();
            word.codePoints().forEach(c -> symbols.add(new String(Character.toChars(c))));
            symbols.set(symbols.size() - 1, symbols.get(symbols.size() - 1) + "</w>");
            words.merge(symbols, n, Long::sum);
        });
        List<String> merges = new ArrayList<>();
        while (merges.size() < numMerges) {
            Map<List<String>, Long> pairs = new HashMap<>();
            words.forEach((symbols, n) -> {
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    pairs.merge(List.of(symbols.get(i), symbols.get(i + 1)), n, Long::sum);
                }
            });
            List<String> best = null;
            long bestCount = 0;
            for (Map.Entry<List<String>, Long> e : pairs.entrySet()) {
                List<String> p = e.getKey();
                long n = e.getValue();
                if (best == null || n > bestCount || (n == bestCount && (p.get(0).compareTo(best.get(0)) < 0
                        || (p.get(0).equals(best.get(0)) && p.get(1).compareTo(best.get(1)) < 0)))) {
                    best = p;
                    bestCount = n;
                }
            }
            if (best == null || bestCount < minFrequency) {
                break;
            }
            merges.add(best.get(0) + " " + best.get(1));
            Map<List<String>, Long> next = new HashMap<>();
            for (Map.Entry<List<String>, Long> e : words.entrySet()) {
                List<String> s = e.getKey();
                List<String> merged = new ArrayList<>();
                for (int i = 0; i < s.size(); ) {
                    if (i + 1 < s.size() && s.get(i).equals(best.get(0)) && s.get(i + 1).equals(best.get(1))) {
                        merged.add(best.get(0) + best.get(1));
                        i += 2;
                    } else {
                        merged.add(s.get(i++));
                    }
                }
                next.merge(merged, e.getValue(), Long::sum);
            }
            words.clear();
            words.putAll(next);
        }
        return merges;
    }
}
