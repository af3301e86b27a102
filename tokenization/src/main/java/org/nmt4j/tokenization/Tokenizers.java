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
            case TokenizerSpec.CORENLP -> {
                requireCoreNlp();
                yield new CoreNlpTokenizer(spec);
            }
            case TokenizerSpec.LUCENE -> new LuceneTokenizer(spec);
            case TokenizerSpec.CHAR -> new CharacterTokenizer(spec);
            case TokenizerSpec.WHITESPACE -> new WhitespaceTokenizer(spec);
            default -> throw new AssertionError("TokenizerSpec admitted kind " + spec.kind());
        };
    }

    /**
     * Stanford CoreNLP is an optional dependency: a program without it on the class path gets this
     * message instead of a {@link NoClassDefFoundError} from deep inside the tokenizer.
     */
    private static void requireCoreNlp() {
        try {
            Class.forName("edu.stanford.nlp.process.PTBTokenizer", false, Tokenizers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the corenlp tokenizer needs Stanford CoreNLP on the class path"
                    + " (Maven: edu.stanford.nlp:stanford-corenlp:4.5.7); use lucene, char or whitespace without it");
        }
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
