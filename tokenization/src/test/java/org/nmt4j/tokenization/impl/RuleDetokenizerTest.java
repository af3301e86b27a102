package org.nmt4j.tokenization.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.Detokenizers;

class RuleDetokenizerTest {

    private static String detok(String lang, String tokens) {
        return RuleDetokenizer.forLanguage(lang).detokenize(Arrays.asList(tokens.split(" ")));
    }

    @Test
    void english() {
        assertEquals("Hello, world! Is it ok? Yes; no: maybe.", detok("en", "Hello , world ! Is it ok ? Yes ; no : maybe ."));
        assertEquals("He said \"hi\" (twice) and left...", detok("en", "He said \" hi \" ( twice ) and left ..."));
        assertEquals("They aren't sure it's John's.", detok("en", "They are n't sure it 's John 's ."));
        assertEquals("The dogs' toys at 11:27 in the 80's cost $5, 50% off.",
                detok("en", "The dogs ' toys at 11 : 27 in the 80 ' s cost $ 5 , 50 % off ."));
        assertEquals("a 'quoted' word and a well-known t-shirt #5 and/or @me",
                detok("en", "a ' quoted ' word and a well - known t - shirt # 5 and / or @ me"));
    }

    @Test
    void german() {
        assertEquals("Er trägt „sein“ Trikot, ‚klein‘ und »groß«.",
                detok("de", "Er trägt „ sein “ Trikot , ‚ klein ‘ und » groß « ."));
        assertEquals("Ein Ess- und Wohnzimmer mit Tellern und -tassen, Rot- oder Weißwein.",
                detok("de", "Ein Ess - und Wohnzimmer mit Tellern und - tassen , Rot - oder Weißwein ."));
        assertEquals("Vier Menschen – drei Mädchen – sind da.", detok("de", "Vier Menschen – drei Mädchen – sind da ."));
    }

    @Test
    void frenchTypography() {
        assertEquals("Il dit : « Où es-tu ? » Quelle joie ! Un ; deux, 50 %.",
                detok("fr", "Il dit : « Où es -tu ? » Quelle joie ! Un ; deux , 50 % ."));
        assertEquals("L'homme d'affaires qu'il voit.", detok("fr", "L' homme d' affaires qu' il voit ."));
    }

    @Test
    void spanish() {
        assertEquals("¿Dónde está? ¡Aquí!", detok("es", "¿ Dónde está ? ¡ Aquí !"));
    }

    @Test
    void unknownLanguagesGetGenericRules() {
        assertEquals("Ciao, mondo! (sì)", detok("it", "Ciao , mondo ! ( sì )"));
        assertEquals("l'uomo", detok("it", "l' uomo"));
        assertFalse(Detokenizers.forLanguage("it").languageSpecific());
        assertTrue(Detokenizers.forLanguage("fr").languageSpecific());
        assertEquals("und", Detokenizers.forLanguage("und").language());
    }

    @Test
    void degenerateInput() {
        assertEquals("", RuleDetokenizer.forLanguage("en").detokenize(List.of()));
        assertEquals("\"a", RuleDetokenizer.forLanguage("en").detokenize(List.of("\"", "a")), "an unclosed quote opens");
        assertEquals(", a", detok("en", ", a"));
        assertEquals("a b", RuleDetokenizer.forLanguage("en").detokenize(List.of("a", "", "b")));
    }
}
