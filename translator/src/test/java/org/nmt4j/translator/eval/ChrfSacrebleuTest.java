package org.nmt4j.translator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test cases of sacreBLEU's own {@code test/test_chrf.py} (mjpost/sacrebleu, v2.6.0),
 * transcribed: same inputs, options, expected values and tolerance.
 */
class ChrfSacrebleuTest {

    /** sacreBLEU's EPSILON in test_chrf.py. */
    private static final double EPSILON = 1e-4;

    /** The options test_chrf.py passes: char_order 6, word_order 0, beta 3. */
    private static final ChrfOptions BETA3 = ChrfOptions.defaults().withBeta(3);

    static Stream<Arguments> epsSmoothingCases() {
        return Stream.of(
                Arguments.of(List.of("abcdefg"), List.of("hijklmnop"), 0.0),
                Arguments.of(List.of("a"), List.of("b"), 0.0),
                Arguments.of(List.of(""), List.of("b"), 0.0),
                Arguments.of(List.of(""), List.of("ref"), 0.0),
                Arguments.of(List.of(""), List.of("reference"), 0.0),
                Arguments.of(List.of("aa"), List.of("ab"), 8.3333),
                Arguments.of(List.of("a", "b"), List.of("a", "c"), 8.3333),
                Arguments.of(List.of("a"), List.of("a"), 16.6667),
                Arguments.of(List.of("a b c"), List.of("a b c"), 50.0),
                Arguments.of(List.of("a b c"), List.of("abc"), 50.0),
                Arguments.of(List.of(" risk assessment must be made of those who are qualified and expertise in the"
                                + " sector - these are the scientists ."),
                        List.of("risk assessment has to be undertaken by those who are qualified and expert in that"
                                + " area - that is the scientists ."), 63.361730),
                Arguments.of(List.of(" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "),
                        List.of("Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."),
                        64.1302698),
                Arguments.of(List.of("Niemand hat die Absicht, eine Mauer zu errichten"),
                        List.of("Niemand hat die Absicht, eine Mauer zu errichten"), 100.0));
    }

    @ParameterizedTest(name = "test_chrf: {0} | {1}")
    @MethodSource("epsSmoothingCases")
    void epsSmoothing(List<String> hyps, List<String> refs, double expected) {
        Chrf chrf = new Chrf(BETA3.withEpsSmoothing(true));
        assertEquals(expected, chrf.corpusScore(hyps, List.of(refs)).score(), EPSILON);
    }

    static Stream<Arguments> effectiveOrderCases() {
        return Stream.of(
                Arguments.of(List.of("a"), List.of("a"), 100.0),
                Arguments.of(List.of(""), List.of("reference"), 0.0),
                Arguments.of(List.of("a b c"), List.of("a b c"), 100.0),
                Arguments.of(List.of("a b c"), List.of("abc"), 100.0),
                Arguments.of(List.of(""), List.of("c"), 0.0),
                Arguments.of(List.of("a", "b"), List.of("a", "c"), 50.0),
                Arguments.of(List.of("aa"), List.of("ab"), 25.0));
    }

    @ParameterizedTest(name = "test_chrf_eff_order: {0} | {1}")
    @MethodSource("effectiveOrderCases")
    void effectiveOrder(List<String> hyps, List<String> refs, double expected) {
        Chrf chrf = new Chrf(BETA3.withEpsSmoothing(false));
        assertEquals(expected, chrf.corpusScore(hyps, List.of(refs)).score(), EPSILON);
    }

    static Stream<Arguments> keepWhitespaceCases() {
        return Stream.of(
                Arguments.of("Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
                        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.", 67.3481606),
                Arguments.of("risk assessment must be made of those who are qualified and expertise in the sector"
                                + " - these are the scientists .",
                        "risk assessment has to be undertaken by those who are qualified and expert in that area"
                                + " - that is the scientists .", 65.2414427));
    }

    @ParameterizedTest(name = "test_chrf_keep_whitespace: {0}")
    @MethodSource("keepWhitespaceCases")
    void keepWhitespace(String hyp, String ref, double expected) {
        Chrf chrf = new Chrf(BETA3.withWhitespace(true));
        assertEquals(expected, chrf.corpusScore(List.of(hyp), List.of(List.of(ref))).score(), EPSILON);
    }

    static Stream<Arguments> sentenceLevelCases() {
        return Stream.of(
                Arguments.of("Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
                        List.of("Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře."),
                        39.14078509),
                Arguments.of("Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
                        List.of("A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři."),
                        31.22557079),
                Arguments.of("Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
                        List.of("Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít,"
                                + " připomněli."),
                        57.15704367));
    }

    @ParameterizedTest(name = "test_chrf_sentence_level: {0}")
    @MethodSource("sentenceLevelCases")
    void sentenceLevel(String hyp, List<String> refs, double expected) {
        Chrf chrf = new Chrf(ChrfOptions.defaults().withEpsSmoothing(true));
        assertEquals(expected, chrf.sentenceScore(hyp, refs).score(), EPSILON);
    }

    @Test
    void scoreLineLooksLikeSacrebleus() {
        ChrfScore score = new Chrf(ChrfOptions.defaults()).sentenceScore(
                "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
                List.of("Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli."));
        assertEquals("chrF2 = 57.16", score.format());
        // Values from sacreBLEU 2.6.0 on test_bleu.py's README example: CHRF() and CHRF(word_order=2).
        assertEquals("chrF2 = 59.73",
                new Chrf(ChrfOptions.defaults()).corpusScore(BleuSacrebleuTest.HYPS, BleuSacrebleuTest.REFS).format());
        assertEquals("chrF2++ = 59.15", new Chrf(ChrfOptions.defaults().withWordOrder(2))
                .corpusScore(BleuSacrebleuTest.HYPS, BleuSacrebleuTest.REFS).format());
    }
}
