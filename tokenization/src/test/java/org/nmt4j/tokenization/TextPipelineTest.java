package org.nmt4j.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.bpe.BpeLearner;
import org.nmt4j.tokenization.bpe.BpeMerges;

class TextPipelineTest {

    @Test
    void withoutBpeItIsTheTokenizer() {
        TextPipeline p = TextPipeline.of(TokenizerSpec.of("lucene", "en"), null);
        assertEquals(List.of("Hello", ",", "world", "!"), p.encode("Hello, world!"));
        assertEquals("Hello, world!", p.decode(List.of("Hello", ",", "world", "!")));
        assertFalse(p.bpe().isPresent());
    }

    @Test
    void withBpeItEncodesSubwordsAndDecodesNaturalText() {
        TokenCounts counts = new TokenCounts();
        TextPipeline plain = TextPipeline.of(TokenizerSpec.of("lucene", "de"), null);
        for (String s : List.of("Der Sonnenschirm steht.", "Die Sonne scheint.", "Ein Schirm, kein Sonnenschirm!")) {
            counts.addAll(plain.encode(s));
        }
        BpeMerges merges = new BpeLearner(1).learn(counts.asMap(), 30);
        TextPipeline p = TextPipeline.of(TokenizerSpec.of("lucene", "de"), merges);
        assertTrue(p.bpe().isPresent());
        String text = "Der Sonnenschirmständer, kein Schirm!";
        List<String> tokens = p.encode(text);
        assertTrue(tokens.stream().anyMatch(t -> t.endsWith("@@")), tokens.toString());
        assertEquals(text, p.decode(tokens));
    }

    @Test
    void lowercasingComesFromTheSpec() {
        TextPipeline p = TextPipeline.of(TokenizerSpec.of("whitespace", "en").withLowercase(true), null);
        assertEquals(List.of("ein", "haus"), p.encode("Ein HAUS"));
    }
}
