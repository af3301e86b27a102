package org.nmt4j.tokenization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link Tokenizer} is: its kind, the language of its text, and optional normalisation.
 * Immutable and validated on construction; {@link #toString()} and {@link #parse(String)} round
 * trip, so a spec can be saved in a model file and given as one command-line value.
 *
 * <p>Text form: comma-separated, the kind first (bare or as {@code kind=}), then any of
 * {@code lang=CODE}, {@code lowercase[=true|false]}, {@code nfkc[=true|false]}; for example
 * {@code lucene,lang=de,lowercase=true,nfkc=false} or simply {@code lucene,lang=de,lowercase}.
 * Omitted keys take their defaults: language {@value #UNDETERMINED}, no lowercasing, no NFKC.
 *
 * @param kind one of {@link #KINDS}: {@code corenlp} (Stanford CoreNLP's rule-based
 *     tokenizers), {@code lucene} (Lucene's ICU UAX#29 segmentation with punctuation kept),
 *     {@code char} (one token per character, {@value #SPACE_TOKEN} for a space), {@code
 *     whitespace} (split at whitespace)
 * @param language two-letter ISO 639-1 code of the text ({@code en}, {@code de}, ...), or
 *     {@value #UNDETERMINED} when unknown; it selects the detokenization rules, and for {@code
 *     corenlp} the tokenizer itself, which exists only for {@link #CORENLP_LANGUAGES}
 * @param lowercase lowercase every token (code point by code point, locale-independent)
 * @param nfkc apply Unicode NFKC normalisation (compatibility characters such as ligatures,
 *     full-width forms and superscripts become their plain equivalents)
 */
public record TokenizerSpec(String kind, String language, boolean lowercase, boolean nfkc) {

    /** Kind: Stanford CoreNLP tokenizer. */
    public static final String CORENLP = "corenlp";
    /** Kind: Lucene ICU tokenizer (UAX#29 words) with the punctuation between words kept. */
    public static final String LUCENE = "lucene";
    /** Kind: one token per character. */
    public static final String CHAR = "char";
    /** Kind: split at whitespace only. */
    public static final String WHITESPACE = "whitespace";
    /** All valid kinds, in the order error messages list them. */
    public static final List<String> KINDS = List.of(CORENLP, LUCENE, CHAR, WHITESPACE);

    /** The language code for text whose language is unknown (BCP 47 "undetermined"). */
    public static final String UNDETERMINED = "und";
    /**
     * Languages the {@code corenlp} kind supports with the CoreNLP jar alone (no model jars):
     * English and German (PTBTokenizer), French (FrenchTokenizer), Spanish (SpanishTokenizer).
     */
    public static final List<String> CORENLP_LANGUAGES = List.of("de", "en", "es", "fr");

    /** The visible token the {@code char} kind uses for a space (U+2581, as SentencePiece). */
    public static final String SPACE_TOKEN = "\u2581";

    private static final Set<String> ISO_LANGUAGES = new TreeSet<>(Arrays.asList(Locale.getISOLanguages()));
    private static final List<String> KEYS = List.of("kind", "lang", "lowercase", "nfkc");

    /**
     * Validates, and canonicalises kind and language to lower case.
     *
     * @param kind one of {@link #KINDS}
     * @param language ISO 639-1 code or {@value #UNDETERMINED}
     * @param lowercase lowercase every token
     * @param nfkc apply NFKC
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public TokenizerSpec {
        Objects.requireNonNull(kind, "tokenizer kind");
        Objects.requireNonNull(language, "tokenizer language");
        kind = kind.trim().toLowerCase(Locale.ROOT);
        language = language.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown tokenizer '" + kind + "', valid values: "
                    + String.join(", ", KINDS));
        }
        if (!language.equals(UNDETERMINED) && !ISO_LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("unknown language '" + language
                    + "': expected a two-letter ISO 639-1 code (such as en, de, fr, es) or '"
                    + UNDETERMINED + "' for undetermined");
        }
        if (kind.equals(CORENLP) && !CORENLP_LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("tokenizer corenlp does not support language '" + language
                    + "', valid values: " + String.join(", ", CORENLP_LANGUAGES));
        }
    }

    /**
     * A spec without normalisation.
     *
     * @param kind one of {@link #KINDS}
     * @param language ISO 639-1 code or {@value #UNDETERMINED}
     * @return the validated spec
     */
    public static TokenizerSpec of(String kind, String language) {
        return new TokenizerSpec(kind, language, false, false);
    }

    /**
     * @param lowercase whether to lowercase
     * @return a copy with lowercasing switched as given
     */
    public TokenizerSpec withLowercase(boolean lowercase) {
        return new TokenizerSpec(kind, language, lowercase, nfkc);
    }

    /**
     * @param nfkc whether to apply NFKC
     * @return a copy with NFKC switched as given
     */
    public TokenizerSpec withNfkc(boolean nfkc) {
        return new TokenizerSpec(kind, language, lowercase, nfkc);
    }

    /**
     * Parses the text form written by {@link #toString()} (see the class comment).
     *
     * @param text e.g. {@code lucene,lang=de,lowercase}
     * @return the validated spec
     * @throws IllegalArgumentException with a one-line message naming the bad part and the valid
     *     values
     */
    public static TokenizerSpec parse(String text) {
        Objects.requireNonNull(text, "tokenizer spec");
        String kind = null;
        String language = UNDETERMINED;
        boolean lowercase = false;
        boolean nfkc = false;
        List<String> seen = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("tokenizer spec '" + text + "': empty item at position " + (i + 1));
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq).trim();
            String value = eq < 0 ? null : part.substring(eq + 1).trim();
            if (i == 0 && eq < 0 && !KEYS.contains(key)) {
                key = "kind";
                value = part;
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("tokenizer spec '" + text + "': unknown key '" + key
                        + "', valid keys: " + String.join(", ", KEYS));
            }
            if (seen.contains(key)) {
                throw new IllegalArgumentException("tokenizer spec '" + text + "': key '" + key + "' given twice");
            }
            seen.add(key);
            switch (key) {
                case "kind" -> kind = requireValue(text, key, value);
                case "lang" -> language = requireValue(text, key, value);
                case "lowercase" -> lowercase = parseFlag(text, key, value);
                case "nfkc" -> nfkc = parseFlag(text, key, value);
                default -> throw new AssertionError(key);
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("tokenizer spec '" + text + "': no kind, valid values: "
                    + String.join(", ", KINDS));
        }
        return new TokenizerSpec(kind, language, lowercase, nfkc);
    }

    private static String requireValue(String text, String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("tokenizer spec '" + text + "': key '" + key + "' needs a value");
        }
        return value;
    }

    private static boolean parseFlag(String text, String key, String value) {
        if (value == null || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("tokenizer spec '" + text + "': " + key + " must be true or false, got '"
                + value + "'");
    }

    /** @return the canonical text form, e.g. {@code lucene,lang=de,lowercase=false,nfkc=false} */
    @Override
    public String toString() {
        return kind + ",lang=" + language + ",lowercase=" + lowercase + ",nfkc=" + nfkc;
    }
}
