package org.nmt4j.tokenization;

import java.util.List;

/**
 * Joins word-level tokens into text with the spacing conventions of one language. Shared by
 * every word-level tokenizer ({@code corenlp}, {@code lucene}). Implementations are immutable and
 * thread-safe.
 */
public interface Detokenizer {

    /**
     * @param tokens tokens without whitespace inside them
     * @return natural text
     */
    String detokenize(List<String> tokens);

    /** @return the ISO 639-1 code (or {@code und}) whose conventions this detokenizer follows */
    String language();

    /**
     * Whether the rules are written for this language in particular (English, German, French,
     * Spanish), rather than the generic rules other languages get.
     *
     * @return true for a language with its own rules
     */
    boolean languageSpecific();
}
