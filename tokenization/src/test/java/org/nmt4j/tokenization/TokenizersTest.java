package org.nmt4j.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.impl.CharacterTokenizer;
import org.nmt4j.tokenization.impl.CoreNlpTokenizer;
import org.nmt4j.tokenization.impl.LuceneTokenizer;
import org.nmt4j.tokenization.impl.WhitespaceTokenizer;

class TokenizersTest {

    @Test
    void createsTheKindTheSpecNames() {
        assertTrue(Tokenizers.create(TokenizerSpec.of("corenlp", "en")) instanceof CoreNlpTokenizer);
        assertTrue(Tokenizers.create(TokenizerSpec.of("lucene", "en")) instanceof LuceneTokenizer);
        assertTrue(Tokenizers.create(TokenizerSpec.of("char", "en")) instanceof CharacterTokenizer);
        assertTrue(Tokenizers.create("whitespace") instanceof WhitespaceTokenizer);
        TokenizerSpec spec = new TokenizerSpec("lucene", "fr", true, true);
        assertEquals(spec, Tokenizers.create(spec).spec());
    }

    @Test
    void reversibilityIsClaimedOnlyWithoutNormalisationAndWithLanguageRules() {
        for (String kind : TokenizerSpec.KINDS) {
            for (String lang : List.of("en", "de", "fr", "es")) {
                TokenizerSpec spec = TokenizerSpec.of(kind, lang);
                assertTrue(Tokenizers.create(spec).reversible(), spec.toString());
                assertFalse(Tokenizers.create(spec.withLowercase(true)).reversible(), spec.toString());
                assertFalse(Tokenizers.create(spec.withNfkc(true)).reversible(), spec.toString());
            }
        }
        // generic detokenization rules: no claim for the word-level kinds
        assertFalse(Tokenizers.create(TokenizerSpec.of("lucene", "und")).reversible());
        assertFalse(Tokenizers.create(TokenizerSpec.of("lucene", "it")).reversible());
        assertTrue(Tokenizers.create(TokenizerSpec.of("char", "und")).reversible());
        assertTrue(Tokenizers.create(TokenizerSpec.of("whitespace", "und")).reversible());
    }

    @Test
    void everyKindIsSafeToShareAcrossThreads() throws Exception {
        String[] sentences = {
            "Two young, White males are outside near many bushes.",
            "Ein Mann in einem „blauen“ Hemd (links) spielt Gitarre!",
            "Un homme dit : « Où es-tu ? »",
            "A dog's toy isn't \"red\" - it's 80% blue...",
        };
        for (String kind : TokenizerSpec.KINDS) {
            Tokenizer tokenizer = Tokenizers.create(TokenizerSpec.of(kind, "en"));
            List<List<String>> expected = List.of(tokenizer.tokenize(sentences[0]), tokenizer.tokenize(sentences[1]),
                    tokenizer.tokenize(sentences[2]), tokenizer.tokenize(sentences[3]));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            int k = i % sentences.length;
                            if (!tokenizer.tokenize(sentences[k]).equals(expected.get(k))) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> r : results) {
                    assertTrue(r.get(), kind);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
