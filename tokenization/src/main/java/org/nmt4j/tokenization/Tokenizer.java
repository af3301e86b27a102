package org.nmt4j.tokenization;

import java.util.List;

/**
 * Splits a sentence into tokens and joins tokens back into natural text.
 *
 * <p>Tokens never contain whitespace, so they can be stored one per line or separated by
 * spaces. Implementations are immutable and safe to share across threads.
 */
public interface Tokenizer {

    /**
     * @param text one sentence or line; line breaks count as spaces
     * @return its tokens, in order; empty for blank text
     */
    List<String> tokenize(String text);

    /**
     * Joins tokens into text as a writer of the language would space them (for example no space
     * before a comma in English, a space before a question mark in French).
     *
     * @param tokens tokens as {@link #tokenize(String)} produces them, or as a model emits them
     * @return the text
     */
    String detokenize(List<String> tokens);

    /**
     * Whether this tokenizer claims {@code detokenize(tokenize(s)).equals(s)} for ordinary text
     * of its language (single spaces between words, no leading or trailing space, the
     * language's usual punctuation). False whenever lowercasing or NFKC is on.
     *
     * @return the claim, which the Multi30k integration test checks on at least 99% of lines
     */
    boolean reversible();

    /** @return the spec this tokenizer was made from */
    TokenizerSpec spec();
}
