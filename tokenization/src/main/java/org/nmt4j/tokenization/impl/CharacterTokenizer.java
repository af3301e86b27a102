package org.nmt4j.tokenization.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.TokenizerSpec;

/**
 * One token per Unicode code point, the input of character-level RNNs. A run of whitespace
 * ({@link Character#isWhitespace(int)}, so not a no-break space, which stays a character token)
 * becomes one visible {@link TokenizerSpec#SPACE_TOKEN} token; whitespace at either end is
 * dropped, as the word-level tokenizers drop it. Detokenization turns each space token back
 * into one space. (A literal U+2581 in the input therefore comes back as a space.)
 */
public final class CharacterTokenizer implements Tokenizer {

    private final TokenizerSpec spec;
    private final TextNormalizer normalizer;

    /** @param spec a spec of kind {@code char} */
    public CharacterTokenizer(TokenizerSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!spec.kind().equals(TokenizerSpec.CHAR)) {
            throw new IllegalArgumentException("not a char spec: " + spec);
        }
        this.normalizer = new TextNormalizer(spec.lowercase(), spec.nfkc());
    }

    @Override
    public List<String> tokenize(String text) {
        String s = normalizer.apply(text);
        List<String> tokens = new ArrayList<>(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (Character.isWhitespace(c)) {
                pendingSpace = !tokens.isEmpty();
            } else {
                if (pendingSpace) {
                    tokens.add(TokenizerSpec.SPACE_TOKEN);
                    pendingSpace = false;
                }
                tokens.add(s.substring(i, i + n));
            }
            i += n;
        }
        return tokens;
    }

    @Override
    public String detokenize(List<String> tokens) {
        StringBuilder out = new StringBuilder(tokens.size());
        for (String token : tokens) {
            out.append(token.equals(TokenizerSpec.SPACE_TOKEN) ? " " : token);
        }
        return out.toString();
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
        return "CharacterTokenizer[" + spec + "]";
    }
}
