package org.nmt4j.tokenization;

import org.nmt4j.tokenization.impl.RuleDetokenizer;

/** Creates the {@link Detokenizer} for a language. */
public final class Detokenizers {

    private Detokenizers() {
    }

    /**
     * @param language ISO 639-1 code or {@code und}; en, de, fr and es have their own rules, every
     *     other language gets generic rules (English spacing without English contractions)
     * @return the detokenizer
     */
    public static Detokenizer forLanguage(String language) {
        return RuleDetokenizer.forLanguage(language);
    }
}
