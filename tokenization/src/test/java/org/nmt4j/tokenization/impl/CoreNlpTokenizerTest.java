package org.nmt4j.tokenization.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.TokenizerSpec;

class CoreNlpTokenizerTest {

    private static CoreNlpTokenizer tokenizer(String lang) {
        return new CoreNlpTokenizer(TokenizerSpec.of("corenlp", lang));
    }

    @Test
    void englishUsesPtbRulesButKeepsTheOriginalCharacters() {
        assertEquals(List.of("They", "are", "n't", "(", "quite", ")", "\"", "ready", "\"", "."),
                tokenizer("en").tokenize("They aren't (quite) \"ready\"."));
        assertEquals(List.of("well", "-", "known", "U.S.", "firm"), tokenizer("en").tokenize("well-known U.S. firm"));
    }

    @Test
    void germanJoinsAbbreviationsAndOrdinals() {
        assertEquals(List.of("Sie", "sitzt", "bzw.", "steht", "am", "3.", "Januar", "."),
                tokenizer("de").tokenize("Sie sitzt bzw. steht am 3. Januar."));
    }

    @Test
    void frenchSplitsElisionsAndClitics() {
        assertEquals(List.of("L'", "homme", "dit", ":", "«", "Où", "es", "-tu", "?", "»"),
                tokenizer("fr").tokenize("L'homme dit : « Où es-tu ? »"));
    }

    @Test
    void spanishWorksWithoutModelJars() {
        assertEquals(List.of("¿", "Dónde", "está", "el", "perro", "?"), tokenizer("es").tokenize("¿Dónde está el perro?"));
    }

    @Test
    void keepsCharactersItCannotTokenize() {
        String text = "a \u0007 b \u2603 c";
        assertEquals(text.replace(" ", ""), String.join("", tokenizer("en").tokenize(text)));
    }

    @Test
    void roundTripsOrdinarySentences() {
        assertRoundTrip("en", "Two young, White males aren't outside near many bushes.",
                "Two children are dressed up like characters in Michael Jackson's 'Thriller' video.");
        assertRoundTrip("de", "Ein Mann steht unter einem Bogen in der Nähe eines Wendy's-Restaurants.",
                "Orchester und Chor spielen bzw. singen ein Musikstück; ein Ess- und Wohnzimmer.");
        assertRoundTrip("fr", "Un homme dit : « Où es-tu ? » et l'autre répond « ici » !");
        assertRoundTrip("es", "¿Dónde está el perro? ¡Dámelo ahora!");
    }

    private static void assertRoundTrip(String lang, String... texts) {
        CoreNlpTokenizer t = tokenizer(lang);
        for (String text : texts) {
            assertEquals(text, t.detokenize(t.tokenize(text)), t.tokenize(text).toString());
        }
    }
}
