package org.nmt4j.tokenization;

import java.util.Objects;
import org.nmt4j.tokenization.impl.CharacterTokenizer;
import org.nmt4j.tokenization.impl.CoreNlpTokenizer;
import org.nmt4j.tokenization.impl.LuceneTokenizer;
import org.nmt4j.tokenization.impl.WhitespaceTokenizer;

/** Creates a {@link Tokenizer} from its {@link TokenizerSpec}. */
public final class Tokenizers {

    private Tokenizers() {
    }

    /**
     * @param spec a validated spec
     * @return a new thread-safe tokenizer for it
     */
    public static Tokenizer create(TokenizerSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return switch (spec.kind()) {
            case TokenizerSpec.CORENLP -> new CoreNlpTokenizer(spec);
            case TokenizerSpec.LUCENE -> new LuceneTokenizer(spec);
            case TokenizerSpec.CHAR -> new CharacterTokenizer(spec);
            case TokenizerSpec.WHITESPACE -> new WhitespaceTokenizer(spec);
            default -> throw new AssertionError("TokenizerSpec admitted kind " + spec.kind());
        };
    }

    /**
     * Shorthand for {@code create(TokenizerSpec.parse(spec))}.
     *
     * @param spec text form of a {@link TokenizerSpec}
     * @return a new tokenizer
     */
    public static Tokenizer create(String spec) {
        return create(TokenizerSpec.parse(spec));
    }
}
