package org.nmt4j.tokenization.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.TokenizerSpec;

class LuceneTokenizerTest {

    private static LuceneTokenizer tokenizer(String lang) {
        return new LuceneTokenizer(TokenizerSpec.of("lucene", lang));
    }

    @Test
    void keepsThePunctuationLuceneDrops() {
        assertEquals(List.of("Hello", ",", "world", "!"), tokenizer("en").tokenize("Hello, world!"));
        assertEquals(List.of("(", "wait", ")", "...", "\"", "no", "\"", "."),
                tokenizer("en").tokenize("(wait)... \"no\"."));
        assertEquals(List.of("t", "-", "shirt", "for", "$", "5.50"), tokenizer("en").tokenize("t-shirt for $5.50"));
    }

    @Test
    void keepsUax29Words() {
        assertEquals(List.of("don't", "2,5", "l'homme", "U.S", "."), tokenizer("en").tokenize("don't 2,5 l'homme U.S."));
    }

    @Test
    void segmentsScriptsWithoutSpaces() {
        List<String> thai = tokenizer("th").tokenize("ภาษาไทยง่ายนิดเดียว");
        assertTrue(thai.size() >= 3, thai.toString());
        assertEquals("ภาษาไทยง่ายนิดเดียว", String.join("", thai));
    }

    @Test
    void filtersLowercaseAndNormaliseWordsAndPunctuationAlike() {
        LuceneTokenizer normalising = new LuceneTokenizer(new TokenizerSpec("lucene", "de", true, true));
        assertEquals(List.of("straße", "fi", "abc", "!"), normalising.tokenize("STRAßE ﬁ ＡＢＣ！"));
        assertEquals(List.of("STRAßE", "ﬁ", "ＡＢＣ", "！"), tokenizer("de").tokenize("STRAßE ﬁ ＡＢＣ！"));
    }

    @Test
    void roundTripsOrdinarySentences() {
        assertRoundTrip("en", "Two young, White males are outside near many bushes.",
                "A man in a yellow tie (left) is making the \"hook 'em\" sign: it's 80% done!",
                "A dog's toy, the dogs' ball and a T-shirt at 11:27 in the 1980's.");
        assertRoundTrip("de", "Ein Mann mit einem „blauen“ Hemd spielt Gitarre.",
                "Mehrere Menschen in einem Ess- und Wohnzimmer, mit Papiertellern und -tassen.",
                "Ein Schild: „Terrible's“ (Texas-A&M-Fan).");
        assertRoundTrip("fr", "Un homme dit : « Où es-tu ? » et l'autre répond « ici » !",
                "Deux chiens jouent ; l'un attrape un frisbee à 50 %.");
        assertRoundTrip("es", "¿Dónde está el perro? ¡Dámelo ahora!");
    }

    private static void assertRoundTrip(String lang, String... texts) {
        LuceneTokenizer t = tokenizer(lang);
        for (String text : texts) {
            assertEquals(text, t.detokenize(t.tokenize(text)), t.tokenize(text).toString());
        }
    }

    @Test
    void tokensNeverHoldWhitespace() {
        for (String token : tokenizer("en").tokenize(" a\u00a0b\u2003c \t d\u00a8 ")) {
            assertTrue(token.codePoints().noneMatch(TextNormalizer::isSpace), token);
        }
        LuceneTokenizer nfkc = new LuceneTokenizer(new TokenizerSpec("lucene", "en", false, true));
        for (String token : nfkc.tokenize("x\u00a8y \u00a8")) {
            assertTrue(token.codePoints().noneMatch(TextNormalizer::isSpace), token);
        }
    }
}
