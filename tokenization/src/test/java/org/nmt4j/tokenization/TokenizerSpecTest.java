package org.nmt4j.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenizerSpecTest {

    @Test
    void toStringAndParseRoundTripForEveryKindAndFlag() {
        for (String kind : TokenizerSpec.KINDS) {
            for (boolean lowercase : new boolean[] {false, true}) {
                for (boolean nfkc : new boolean[] {false, true}) {
                    TokenizerSpec spec = new TokenizerSpec(kind, "de", lowercase, nfkc);
                    assertEquals(spec, TokenizerSpec.parse(spec.toString()), spec.toString());
                }
            }
        }
        assertEquals("lucene,lang=de,lowercase=true,nfkc=false", new TokenizerSpec("lucene", "de", true, false).toString());
    }

    @Test
    void parseAcceptsShortFormsAndDefaults() {
        assertEquals(new TokenizerSpec("lucene", "und", false, false), TokenizerSpec.parse("lucene"));
        assertEquals(new TokenizerSpec("lucene", "de", true, false), TokenizerSpec.parse("lucene,lang=de,lowercase"));
        assertEquals(new TokenizerSpec("char", "fr", false, true), TokenizerSpec.parse(" kind=char , nfkc=true, lang=fr "));
        assertEquals(TokenizerSpec.of("corenlp", "en"), TokenizerSpec.parse("CoreNLP,lang=EN"));
    }

    @Test
    void unknownKindListsTheValidKinds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.of("spacy", "en"));
        assertEquals("unknown tokenizer 'spacy', valid values: corenlp, lucene, char, whitespace", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.parse("lang=en"));
        assertTrue(e.getMessage().contains("no kind, valid values: corenlp, lucene, char, whitespace"), e.getMessage());
    }

    @Test
    void unknownLanguageIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.of("lucene", "deu"));
        assertTrue(e.getMessage().startsWith("unknown language 'deu': expected a two-letter ISO 639-1 code"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.of("lucene", "zz"));
        assertEquals("und", TokenizerSpec.of("lucene", "und").language());
        assertEquals("ja", TokenizerSpec.of("lucene", "ja").language());
    }

    @Test
    void coreNlpLanguagesAreLimitedAndListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.of("corenlp", "it"));
        assertEquals("tokenizer corenlp does not support language 'it', valid values: de, en, es, fr", e.getMessage());
        for (String lang : TokenizerSpec.CORENLP_LANGUAGES) {
            assertEquals(lang, TokenizerSpec.of("corenlp", lang).language());
        }
    }

    @Test
    void malformedTextFormsGetOneLineErrors() {
        assertMessage("tokenizer spec 'lucene,color=red': unknown key 'color', valid keys: kind, lang, lowercase, nfkc",
                "lucene,color=red");
        assertMessage("tokenizer spec 'lucene,lowercase=yes': lowercase must be true or false, got 'yes'",
                "lucene,lowercase=yes");
        assertMessage("tokenizer spec 'lucene,lang=de,lang=en': key 'lang' given twice", "lucene,lang=de,lang=en");
        assertMessage("tokenizer spec 'lucene,,lang=de': empty item at position 2", "lucene,,lang=de");
        assertMessage("tokenizer spec 'lucene,lang': key 'lang' needs a value", "lucene,lang");
        assertMessage("tokenizer spec '': empty item at position 1", "");
    }

    private static void assertMessage(String expected, String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.parse(spec));
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void withersChangeOneFlag() {
        TokenizerSpec spec = TokenizerSpec.of("whitespace", "en");
        assertTrue(spec.withLowercase(true).lowercase());
        assertTrue(spec.withNfkc(true).nfkc());
        assertFalse(spec.withNfkc(true).lowercase());
    }
}
