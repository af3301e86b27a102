package org.nmt4j.tokenization.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.TokenizerSpec;

class CharacterTokenizerTest {

    private final CharacterTokenizer tokenizer = new CharacterTokenizer(TokenizerSpec.of("char", "de"));

    @Test
    void oneTokenPerCodePointWithAVisibleSpace() {
        assertEquals(List.of("H", "i", "▁", "d", "u", "!"), tokenizer.tokenize("Hi du!"));
        assertEquals(List.of("a", "\uD83D\uDE00", "b"), tokenizer.tokenize("a\uD83D\uDE00b"), "a surrogate pair is one token");
        assertEquals(List.of("a", "▁", "b"), tokenizer.tokenize("  a \t  b "), "runs of whitespace become one space token");
        assertEquals(List.of("2", "\u00a0", "m"), tokenizer.tokenize("2\u00a0m"), "a no-break space is a character");
        assertEquals(List.of(), tokenizer.tokenize(""));
    }

    @Test
    void detokenizeRestoresTheText() {
        for (String text : List.of("Zwei junge weiße Männer sind im Freien.", "x", "a\uD83D\uDE00 b", "Nummer\u00a028")) {
            assertEquals(text, tokenizer.detokenize(tokenizer.tokenize(text)));
        }
    }

    @Test
    void normalisesBeforeSplitting() {
        CharacterTokenizer nfkc = new CharacterTokenizer(new TokenizerSpec("char", "en", true, true));
        assertEquals(List.of("f", "i", "▁", "a", "b"), nfkc.tokenize("ﬁ ＡＢ"));
    }
}
