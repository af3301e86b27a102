package org.nmt4j.tokenization.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeCodecTest {

    private static BpeMerges merges(String... lines) {
        List<BpeMerges.Merge> list = new ArrayList<>();
        for (String line : lines) {
            String[] p = line.split(" ");
            list.add(new BpeMerges.Merge(p[0], p[1]));
        }
        return new BpeMerges(list);
    }

    @Test
    void appliesMergesByRankAndMarksNonFinalSubwords() {
        BpeCodec codec = new BpeCodec(merges("e s", "es t</w>", "l o", "e w"));
        assertEquals(List.of("lo@@", "w@@", "est"), codec.segment("lowest"));
        assertEquals(List.of("n@@", "ew@@", "est"), codec.segment("newest"));
        assertEquals(List.of("e@@", "s"), codec.segment("es"), "'es t</w>' applies only at a word end");
        assertEquals(List.of("x"), codec.segment("x"));
        assertEquals(List.of(), codec.segment(""));
        assertEquals(List.of("lo@@", "w@@", "est", "x"), codec.encode(List.of("lowest", "x")));
    }

    @Test
    void mergesEveryOccurrenceLeftToRight() {
        BpeCodec codec = new BpeCodec(merges("a a", "aa a</w>"));
        // a a a a a</w> -> aa aa a</w> -> aa aaa</w>
        assertEquals(List.of("aa@@", "aaa"), codec.segment("aaaaa"));
        // a a a a</w> -> aa a a</w>: no ranked pair is left
        assertEquals(List.of("aa@@", "a@@", "a"), codec.segment("aaaa"));
    }

    @Test
    void undoIsLosslessEvenForWordsEndingInTheMarker() {
        BpeCodec codec = new BpeCodec(merges("@ @", "@ @</w>", "@@ @</w>", "a @", "a@ @</w>"));
        for (String word : List.of("@@", "@@@", "a@@", "a@@b", "@", "@@@@", "x@@@")) {
            List<String> pieces = codec.segment(word);
            assertFalse(pieces.get(pieces.size() - 1).endsWith("@@"), word + " -> " + pieces);
            assertEquals(List.of(word), codec.decode(pieces), word + " -> " + pieces);
        }
    }

    @Test
    void undoIsLosslessOnRandomText() {
        Random random = new Random(7);
        String alphabet = "ab@éß\uD83D\uDE00";
        Map<String, Long> counts = new HashMap<>();
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            List<String> sentence = new ArrayList<>();
            for (int w = 0; w < 1 + random.nextInt(8); w++) {
                StringBuilder word = new StringBuilder();
                for (int c = 0; c < 1 + random.nextInt(6); c++) {
                    word.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(6))));
                }
                sentence.add(word.toString());
                counts.merge(word.toString(), 1L, Long::sum);
            }
            sentences.add(sentence);
        }
        BpeCodec codec = new BpeCodec(new BpeLearner().learn(counts, 200));
        for (List<String> sentence : sentences) {
            assertEquals(sentence, codec.decode(codec.encode(sentence)));
        }
    }

    @Test
    void decodeToleratesADanglingContinuation() {
        BpeCodec codec = new BpeCodec(merges("a b"));
        assertEquals(List.of("Sonnenschirm", "x"), codec.decode(List.of("Sonnen@@", "schirm", "x@@")));
        assertEquals(List.of(), codec.decode(List.of()));
    }

    @Test
    void cachedResultsAreTheSame() {
        BpeCodec codec = new BpeCodec(merges("l o", "lo w</w>"));
        List<String> first = codec.segment("low");
        assertEquals(List.of("low"), first);
        assertSame(first, codec.segment("low"));
    }
}
