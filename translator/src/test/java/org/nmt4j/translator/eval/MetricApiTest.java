package org.nmt4j.translator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Options validation, argument checks and the statistics-accumulation contract. */
class MetricApiTest {

    @Test
    void bleuOptionsNameTheOptionAndValidValues() {
        assertEquals("tokenize must be one of 13a, none, got intl",
                assertThrows(IllegalArgumentException.class,
                        () -> BleuOptions.defaults().withTokenize("intl")).getMessage());
        assertEquals("smooth-method must be one of exp, floor, add-k, none, got add-one",
                assertThrows(IllegalArgumentException.class,
                        () -> BleuOptions.defaults().withSmoothing("add-one")).getMessage());
        assertEquals("max-ngram-order must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> BleuOptions.defaults().withMaxNgramOrder(0)).getMessage());
        assertEquals("smooth-value must be a finite number >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> BleuOptions.defaults().withSmoothing("floor", -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BleuOptions.defaults().withSmoothing("floor", Double.NaN));
    }

    @Test
    void chrfOptionsNameTheOption() {
        assertEquals("chrf-char-order must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ChrfOptions.defaults().withCharOrder(0)).getMessage());
        assertEquals("chrf-word-order must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> ChrfOptions.defaults().withWordOrder(-1)).getMessage());
        assertEquals("chrf-beta must be >= 0, got -2", assertThrows(IllegalArgumentException.class,
                () -> ChrfOptions.defaults().withBeta(-2)).getMessage());
    }

    @Test
    void referenceStreamsMustMatchTheHypotheses() {
        Bleu bleu = new Bleu(BleuOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bleu.corpusScore(List.of("a", "b"), List.of(List.of("a", "b"), List.of("a"))));
        assertEquals("reference stream 2 has 1 segments but there are 2 hypotheses", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bleu.corpusScore(List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> bleu.sentenceScore("a", List.of()));
        Chrf chrf = new Chrf(ChrfOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> chrf.corpusScore(List.of("a"), List.of(List.of())));
    }

    @Test
    void corpusScoreIsTheScoreOfSummedSentenceStatistics() {
        List<String> hyps = BleuSacrebleuTest.HYPS;
        List<List<String>> refs = BleuSacrebleuTest.REFS;
        Bleu bleu = new Bleu(BleuOptions.defaults());
        Chrf chrf = new Chrf(ChrfOptions.defaults());
        BleuStatistics bleuSum = BleuStatistics.zero(4);
        ChrfStatistics chrfSum = ChrfStatistics.zero(6);
        for (int i = 0; i < hyps.size(); i++) {
            List<String> segmentRefs = List.of(refs.get(0).get(i), refs.get(1).get(i));
            bleuSum = bleuSum.plus(bleu.statistics(hyps.get(i), segmentRefs));
            chrfSum = chrfSum.plus(chrf.statistics(hyps.get(i), segmentRefs));
        }
        assertEquals(bleu.corpusScore(hyps, refs), bleu.score(bleuSum));
        assertEquals(bleu.corpusStatistics(hyps, refs), bleuSum);
        assertEquals(chrf.corpusScore(hyps, refs), chrf.score(chrfSum));
        assertEquals(chrf.corpusStatistics(hyps, refs), chrfSum);
    }

    @Test
    void sentenceBleuUsesEffectiveOrderButCorpusBleuDoesNotByDefault() {
        Bleu bleu = new Bleu(BleuOptions.defaults());
        // "a test" has no 3- or 4-grams: with effective order only orders 1-2 count.
        assertEquals(100.0, bleu.sentenceScore("a test", List.of("a test")).score(), 1e-9);
        assertTrue(bleu.corpusScore(List.of("a test"), List.of(List.of("a test"))).score() < 1e-6);
    }

    @Test
    void preprocessingFollowsSacrebleu() {
        Bleu bleu = new Bleu(BleuOptions.defaults().withLowercase(true));
        assertEquals("der hund , 3.5 .", bleu.preprocess("Der Hund, 3.5. \u00a0"));
        Bleu none = new Bleu(BleuOptions.defaults().withTokenize("none"));
        assertEquals("  Der Hund,", none.preprocess("  Der Hund,\t\r"));
    }

    @Test
    void chrfNameMarksWordOrderAndBeta() {
        assertEquals("chrF2", new ChrfScore(1, 6, 0, 2).name());
        assertEquals("chrF2++", new ChrfScore(1, 6, 2, 2).name());
        assertEquals("chrF1 = 12.35", new ChrfScore(12.345, 6, 0, 1).format());
    }
}
