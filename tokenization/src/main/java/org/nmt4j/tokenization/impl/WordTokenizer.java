package org.nmt4j.tokenization.impl;

import java.util.List;
import java.util.Objects;
import org.nmt4j.tokenization.Detokenizer;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.TokenizerSpec;

/**
 * What the word-level tokenizers share: the spec, the language's {@link Detokenizer}, and the
 * rule that a token never holds whitespace.
 */
abstract class WordTokenizer implements Tokenizer {

    private final TokenizerSpec spec;
    private final Detokenizer detokenizer;

    WordTokenizer(TokenizerSpec spec, String kind) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!spec.kind().equals(kind)) {
            throw new IllegalArgumentException("not a " + kind + " spec: " + spec);
        }
        this.detokenizer = RuleDetokenizer.forLanguage(spec.language());
    }

    @Override
    public final String detokenize(List<String> tokens) {
        return detokenizer.detokenize(tokens);
    }

    /** Claimed only where the language has its own detokenization rules and nothing is normalised. */
    @Override
    public final boolean reversible() {
        return !spec.lowercase() && !spec.nfkc() && detokenizer.languageSpecific();
    }

    @Override
    public final TokenizerSpec spec() {
        return spec;
    }

    /**
     * Adds the pieces of {@code text} between separators ({@link TextNormalizer#isSpace(int)}) to
     * {@code tokens}; when {@code splitRuns} is set, each piece is further cut into runs of one
     * repeated code point (for punctuation between words: {@code ."} becomes {@code .} and
     * {@code "}, while {@code ...} stays one token).
     */
    static void addPieces(String text, boolean splitRuns, List<String> tokens) {
        int start = -1;
        for (int i = 0; i <= text.length(); ) {
            int c = i < text.length() ? text.codePointAt(i) : ' ';
            boolean space = TextNormalizer.isSpace(c);
            if (start >= 0 && (space || (splitRuns && c != text.codePointAt(start)))) {
                tokens.add(text.substring(start, i));
                start = -1;
            }
            if (!space && start < 0) {
                start = i;
            }
            i += i < text.length() ? Character.charCount(c) : 1;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + spec + "]";
    }
}
