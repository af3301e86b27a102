package org.nmt4j.tokenization.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.TokenizerSpec;

/**
 * Splits at runs of whitespace and joins with single spaces: the tokenizer for text that is
 * already tokenized, for example by Moses. No-break spaces ({@link Character#isWhitespace(int)}
 * is false for them) do not split, as their name says. Detokenization is the exact inverse, with
 * no language rules, so pre-tokenized input gives pre-tokenized output.
 */
public final class WhitespaceTokenizer implements Tokenizer {

    private final TokenizerSpec spec;
    private final TextNormalizer normalizer;

    /** @param spec a spec of kind {@code whitespace} */
    public WhitespaceTokenizer(TokenizerSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!spec.kind().equals(TokenizerSpec.WHITESPACE)) {
            throw new IllegalArgumentException("not a whitespace spec: " + spec);
        }
        this.normalizer = new TextNormalizer(spec.lowercase(), spec.nfkc());
    }

    @Override
    public List<String> tokenize(String text) {
        return splitAtSpaces(normalizer.apply(text));
    }

    /**
     * @param text any text
     * @return the maximal runs of code points that are not {@link Character#isWhitespace(int)}
     */
    static List<String> splitAtSpaces(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isWhitespace(c)) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    @Override
    public String detokenize(List<String> tokens) {
        return String.join(" ", tokens);
    }

    @Override
    public boolean reversible() {
        return normalizer.isIdentity();
    }

    @Override
    public TokenizerSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "WhitespaceTokenizer[" + spec + "]";
    }
}
