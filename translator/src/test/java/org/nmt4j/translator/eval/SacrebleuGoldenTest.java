package org.nmt4j.translator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nmt4j.translator.eval.impl.Tokenizer13a;

/**
 * Compares every metric variant with values sacreBLEU 2.6.0 produced for 150 adversarial
 * synthetic segment pairs ({@code sacrebleu-golden.jsonl}, made by {@code make-sacrebleu-golden.py}
 * next to it): tokenizer 13a output, sentence BLEU lines, lowercase untokenized BLEU, chrF2,
 * lowercase eps-smoothed chrF2++ and whitespace-keeping chrF3, then corpus scores with one and
 * with two reference streams.
 */
class SacrebleuGoldenTest {

    private static final double TOLERANCE = 1e-9;

    private static final Bleu BLEU = new Bleu(BleuOptions.defaults());
    private static final Bleu BLEU_LC_NONE = new Bleu(BleuOptions.defaults().withLowercase(true).withTokenize("none"));
    private static final Chrf CHRF = new Chrf(ChrfOptions.defaults());
    private static final Chrf CHRF_PP = new Chrf(ChrfOptions.defaults().withWordOrder(2).withEpsSmoothing(true)
            .withLowercase(true));
    private static final Chrf CHRF_WS = new Chrf(ChrfOptions.defaults().withWhitespace(true).withBeta(3));

    static List<JsonNode> cases(String kind) {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = SacrebleuGoldenTest.class.getResourceAsStream("sacrebleu-golden.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = mapper.readTree(line);
                if (node.get("kind").asText().equals(kind)) {
                    out.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Stream<JsonNode> sentenceCases() {
        return cases("sentence").stream();
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        node.get("refs").forEach(r -> refs.add(r.asText()));
        return refs;
    }

    @ParameterizedTest
    @MethodSource("sentenceCases")
    void sentenceMetricsMatchSacrebleu(JsonNode c) {
        String hyp = c.get("hyp").asText();
        List<String> refs = refs(c);
        assertEquals(c.get("tok13a").asText(), new Tokenizer13a().tokenize(hyp));
        assertEquals(c.get("bleu").asText(), BLEU.sentenceScore(hyp, refs).format());
        assertEquals(c.get("bleuLowercaseNone").asDouble(), BLEU_LC_NONE.sentenceScore(hyp, refs).score(), TOLERANCE);
        assertEquals(c.get("chrf").asDouble(), CHRF.sentenceScore(hyp, refs).score(), TOLERANCE);
        assertEquals(c.get("chrfPlusPlusLowercaseEps").asDouble(), CHRF_PP.sentenceScore(hyp, refs).score(),
                TOLERANCE);
        assertEquals(c.get("chrfWhitespaceBeta3").asDouble(), CHRF_WS.sentenceScore(hyp, refs).score(), TOLERANCE);
    }

    @Test
    void corpusMetricsMatchSacrebleu() {
        List<JsonNode> sentences = cases("sentence");
        List<String> hyps = new ArrayList<>();
        List<String> refs1 = new ArrayList<>();
        List<String> refs2 = new ArrayList<>();
        for (JsonNode c : sentences) {
            hyps.add(c.get("hyp").asText());
            refs1.add(refs(c).get(0));
            refs2.add(refs(c).get(1));
        }
        List<JsonNode> corpora = cases("corpus");
        assertEquals(2, corpora.size());
        for (JsonNode c : corpora) {
            List<List<String>> streams = c.get("name").asText().equals("oneRef") ? List.of(refs1)
                    : List.of(refs1, refs2);
            assertEquals(c.get("bleu").asText(), BLEU.corpusScore(hyps, streams).format());
            assertEquals(c.get("bleuLowercaseNone").asText(), BLEU_LC_NONE.corpusScore(hyps, streams).format());
            assertEquals(c.get("chrf").asText(), CHRF.corpusScore(hyps, streams).format());
            assertEquals(c.get("chrfScore").asDouble(), CHRF.corpusScore(hyps, streams).score(), TOLERANCE);
            assertEquals(c.get("chrfPlusPlusLowercaseEps").asText(), CHRF_PP.corpusScore(hyps, streams).format());
            assertEquals(c.get("chrfWhitespaceBeta3").asText(), CHRF_WS.corpusScore(hyps, streams).format());
        }
    }
}
