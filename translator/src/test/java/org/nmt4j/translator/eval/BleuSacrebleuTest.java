package org.nmt4j.translator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nmt4j.translator.eval.impl.PythonFormat;

/**
 * The test cases of sacreBLEU's own {@code test/test_bleu.py} and {@code test/test_sentence_bleu.py}
 * (mjpost/sacrebleu, v2.6.0), transcribed: same inputs, same expected values, same tolerances.
 * Cases for the tokenizers {@code intl} and {@code char}, which nmt4j does not offer, are left out.
 */
class BleuSacrebleuTest {

    /** sacreBLEU's EPSILON in test_bleu.py. */
    private static final double BLEU_EPSILON = 1e-8;
    /** sacreBLEU's EPSILON in test_sentence_bleu.py. */
    private static final double SENTENCE_EPSILON = 1e-3;

    /** The README example of test_bleu.py: three segments, two reference streams. */
    static final List<String> HYPS = List.of(
            "The dog bit the man.",
            "It wasn't surprising.",
            "The man had just bitten him.");
    static final List<List<String>> REFS = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

    /** sacreBLEU's raw_corpus_bleu: no tokenization, floor smoothing, effective order. */
    private static Bleu rawCorpusBleu(double floor) {
        return new Bleu(BleuOptions.defaults().withTokenize("none").withSmoothing("floor", floor)
                .withEffectiveOrder(true));
    }

    static Stream<Arguments> corpusBleuCases() {
        BleuOptions defaults = BleuOptions.defaults();
        return Stream.of(
                Arguments.of("default settings", HYPS, defaults, 48.530827),
                Arguments.of("empty hypotheses are kept", List.of("", "", ""), defaults, 0.0),
                Arguments.of("tokenize none", HYPS, defaults.withTokenize("none"), 49.1919566),
                Arguments.of("tokenize 13a", HYPS, defaults.withTokenize("13a"), 48.530827),
                Arguments.of("smooth none", HYPS, defaults.withSmoothing("none"), 48.530827));
    }

    @ParameterizedTest(name = "test_corpus_bleu: {0}")
    @MethodSource("corpusBleuCases")
    void corpusBleu(String name, List<String> hyps, BleuOptions options, double expected) {
        double score = new Bleu(options).corpusScore(hyps, REFS).score();
        assertEquals(expected, score, BLEU_EPSILON);
        assertEquals(PythonFormat.fixed(expected, 2), PythonFormat.fixed(score, 2));
    }

    @Test
    void readmeScoreLineMatchesSacrebleu() {
        BleuScore score = new Bleu(BleuOptions.defaults()).corpusScore(HYPS, REFS);
        assertEquals("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)",
                score.format());
    }

    static Stream<Arguments> rawBleuCases() {
        return Stream.of(
                // sacreBLEU returns 0 when nothing matches (its issue #141)
                Arguments.of(List.of("this is a test", "another test"), List.of(List.of("ref1", "ref2")), 0.0),
                Arguments.of(List.of("this is a test"), List.of(List.of("this is a test")), 1.0),
                Arguments.of(List.of("this is a fest"), List.of(List.of("this is a test")), 0.223606797749979));
    }

    @ParameterizedTest(name = "test_raw_bleu: {0}")
    @MethodSource("rawBleuCases")
    void rawBleu(List<String> hyps, List<List<String>> refs, double expected) {
        assertEquals(expected, rawCorpusBleu(0.01).corpusScore(hyps, refs).score() / 100, BLEU_EPSILON);
    }

    static Stream<Arguments> effectiveOrderCases() {
        return Stream.of(
                Arguments.of("test", "a test", 0.3678794411714425),
                Arguments.of("a test", "a test", 1.0),
                Arguments.of("a little test", "a test", 0.03218297948685433));
    }

    @ParameterizedTest(name = "test_effective_order: {0} | {1}")
    @MethodSource("effectiveOrderCases")
    void effectiveOrder(String hyp, String ref, double expected) {
        double score = rawCorpusBleu(0.01).corpusScore(List.of(hyp), List.of(List.of(ref))).score() / 100;
        assertEquals(expected, score, BLEU_EPSILON);
    }

    @Test
    void statistics() {
        BleuScore score = rawCorpusBleu(0.01).corpusScore(List.of("am I am a character sequence"),
                List.of(List.of("I am a symbol string sequence a a")));
        assertEquals(List.of(4L, 2L, 1L, 0L), score.matches());
        assertEquals(List.of(6L, 5L, 4L, 3L), score.totals());
    }

    @Test
    void scoring() {
        // test_scoring calls compute_bleu with its defaults: smoothing none, no effective order.
        Bleu bleu = new Bleu(BleuOptions.defaults().withSmoothing("none"));
        BleuStatistics stats = new BleuStatistics(11, 11, List.of(9L, 7L, 5L, 3L), List.of(10L, 8L, 6L, 4L));
        assertEquals(0.8375922397, bleu.score(stats).score() / 100, BLEU_EPSILON);
    }

    @Test
    void offset() {
        List<String> hyp = List.of("am I am a character sequence");
        List<List<String>> ref = List.of(List.of("I am a symbol string sequence a a"));
        assertEquals(0.0, rawCorpusBleu(0.0).corpusScore(hyp, ref).score() / 100, BLEU_EPSILON);
        double defaultFloor = BleuOptions.defaultSmoothValue("floor");
        assertEquals(0.1555722182, rawCorpusBleu(defaultFloor).corpusScore(hyp, ref).score() / 100, BLEU_EPSILON);
        Bleu viaDefault = new Bleu(BleuOptions.defaults().withTokenize("none").withSmoothing("floor")
                .withEffectiveOrder(true));
        assertEquals(0.1555722182, viaDefault.corpusScore(hyp, ref).score() / 100, BLEU_EPSILON);
    }

    static Stream<Arguments> degenerateCases() {
        return Stream.of(
                Arguments.of(List.of(0L, 0L, 0L, 0L), List.of(4L, 4L, 2L, 1L), 0, 1, 0.0),
                Arguments.of(List.of(0L, 0L, 0L, 0L), List.of(10L, 11L, 12L, 0L), 14, 10, 0.0),
                Arguments.of(List.of(0L, 0L, 0L, 0L), List.of(0L, 0L, 0L, 0L), 0, 0, 0.0),
                Arguments.of(List.of(6L, 5L, 4L, 0L), List.of(6L, 5L, 4L, 3L), 6, 6, 0.0),
                Arguments.of(List.of(0L, 0L, 0L, 0L), List.of(0L, 0L, 0L, 0L), 0, 0, 0.1),
                Arguments.of(List.of(0L, 0L, 0L, 0L), List.of(0L, 0L, 0L, 0L), 1, 5, 0.01));
    }

    @ParameterizedTest(name = "test_degenerate_statistics: {0}/{1} hyp {2} ref {3} floor {4}")
    @MethodSource("degenerateCases")
    void degenerateStatistics(List<Long> matches, List<Long> totals, long hypLen, long refLen, double floor) {
        Bleu bleu = new Bleu(BleuOptions.defaults().withSmoothing("floor", floor));
        assertEquals(0.0, bleu.score(new BleuStatistics(hypLen, refLen, matches, totals)).score());
    }

    static Stream<Arguments> maxOrderCases() {
        return Stream.of(Arguments.of(1, "77.65"), Arguments.of(2, "60.50"), Arguments.of(3, "53.93"),
                Arguments.of(4, "48.53"), Arguments.of(5, "46.14"), Arguments.of(6, "43.28"));
    }

    @ParameterizedTest(name = "test_max_ngram_order: {0}")
    @MethodSource("maxOrderCases")
    void maxNgramOrder(int order, String expected) {
        BleuScore score = new Bleu(BleuOptions.defaults().withMaxNgramOrder(order)).corpusScore(HYPS, REFS);
        assertEquals(expected, PythonFormat.fixed(score.score(), 2));
        assertEquals(order, score.precisions().size());
    }

    /** Example of sacreBLEU issue #98, used by test_sentence_bleu.py. */
    private static final String SENTENCE_REF = "producţia de zahăr brut se exprimă în zahăr alb;";
    private static final String SENTENCE_SYS =
            "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    static Stream<Arguments> sentenceBleuCases() {
        return Stream.of(
                Arguments.of("exp", null, false, "13a", 8.493),
                Arguments.of("none", null, false, "13a", 0.0),
                Arguments.of("floor", null, false, "13a", 4.51688),
                Arguments.of("floor", 0.1, false, "13a", 4.51688),
                Arguments.of("floor", 0.5, false, "13a", 10.10),
                Arguments.of("add-k", null, false, "13a", 14.882),
                Arguments.of("add-k", 1.0, false, "13a", 14.882),
                Arguments.of("add-k", 2.0, false, "13a", 21.389),
                Arguments.of("exp", null, false, "none", 7.347));
    }

    @ParameterizedTest(name = "test_api_sentence_bleu: {0} {1} lc={2} tok={3}")
    @MethodSource("sentenceBleuCases")
    void sentenceBleu(String method, Double value, boolean lowercase, String tokenize, double expected) {
        Bleu bleu = new Bleu(options(method, value, lowercase, tokenize));
        assertEquals(expected, bleu.sentenceScore(SENTENCE_SYS, List.of(SENTENCE_REF)).score(), SENTENCE_EPSILON);
    }

    static Stream<Arguments> zeroSentenceBleuCases() {
        return Stream.of(
                Arguments.of("exp", null), Arguments.of("none", null), Arguments.of("floor", null),
                Arguments.of("floor", 0.1), Arguments.of("add-k", null), Arguments.of("add-k", 1.0));
    }

    @ParameterizedTest(name = "test_api_sentence_bleu_zero: {0} {1}")
    @MethodSource("zeroSentenceBleuCases")
    void sentenceBleuWithoutAnyMatchIsZero(String method, Double value) {
        // Example of sacreBLEU issue #141.
        Bleu bleu = new Bleu(options(method, value, false, "13a"));
        assertEquals(0.0, bleu.sentenceScore("this is a cat", List.of("okay thanks")).score(), SENTENCE_EPSILON);
    }

    private static BleuOptions options(String method, Double value, boolean lowercase, String tokenize) {
        BleuOptions base = BleuOptions.defaults().withLowercase(lowercase).withTokenize(tokenize);
        return value == null ? base.withSmoothing(method) : base.withSmoothing(method, value);
    }
}
