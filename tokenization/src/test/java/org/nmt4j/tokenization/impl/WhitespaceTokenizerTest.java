package org.nmt4j.tokenization.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.TokenizerSpec;

class WhitespaceTokenizerTest {

    private final WhitespaceTokenizer tokenizer = new WhitespaceTokenizer(TokenizerSpec.of("whitespace", "en"));

    @Test
    void splitsAtRunsOfWhitespaceOnly() {
        assertEquals(List.of("Hello", ",", "world!", "x"), tokenizer.tokenize("  Hello ,\tworld!\n x "));
        assertEquals(List.of(), tokenizer.tokenize(" \t "));
        assertEquals(List.of("Nummer\u00a028"), tokenizer.tokenize("Nummer\u00a028"), "a no-break space does not split");
    }

    @Test
    void detokenizeIsJoiningWithSpaces() {
        String text = "already tokenized , text .";
        assertEquals(text, tokenizer.detokenize(tokenizer.tokenize(text)));
    }

    @Test
    void normalisesWhenAsked() {
        WhitespaceTokenizer lower = new WhitespaceTokenizer(new TokenizerSpec("whitespace", "en", true, true));
        assertEquals(List.of("ﬁne", "ＡＢ"), tokenizer.tokenize("ﬁne ＡＢ"));
        assertEquals(List.of("fine", "ab"), lower.tokenize("ﬁne ＡＢ"));
    }

    @Test
    void rejectsASpecOfAnotherKind() {
        assertThrows(IllegalArgumentException.class, () -> new WhitespaceTokenizer(TokenizerSpec.of("char", "en")));
    }
}
