package org.nmt4j.tokenization.impl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.nmt4j.tokenization.Detokenizer;

/**
 * Rule-based detokenizer: decides for each token whether it sticks to the token before it (a
 * comma), to the token after it (an opening bracket), to both (a hyphen) or to neither, and
 * tracks open quotation marks so that a straight {@code "} opens and then closes.
 *
 * <p>Conventions by language:
 *
 * <ul>
 *   <li>all: no space before {@code , .} or closing brackets, none after opening brackets, none
 *       around {@code - /}, none after {@code # @ $ £ ¿ ¡}, none around {@code &} between
 *       initials ({@code Q&A});
 *   <li>English, German, Spanish and the generic rules: no space before {@code ! ? ; : %};
 *   <li>all but French: the English contractions {@code 's 're 've 'm 'll 'd n't} attach to
 *       the word before (they occur in names in other languages too: {@code McDonald's});
 *   <li>all: a colon between digits is part of a time ({@code 11:27}), an apostrophe between
 *       digits and {@code s} part of a decade ({@code 80's});
 *   <li>English: an apostrophe before {@code em}, {@code til} and the like starts that word
 *       ({@code 'em});
 *   <li>all: a lone straight apostrophe opens a quotation when another one follows in the
 *       sentence and is otherwise attached to the word before ({@code dogs' toys});
 *   <li>German: low-high quotes {@code „…“} and {@code ‚…‘}, also {@code »…«}; a hyphen
 *       next to {@code und}, {@code oder} (and a few other conjunctions) is a suspended hyphen,
 *       spaced on that side ({@code Ess- und Wohnzimmer});
 *   <li>French: a space before {@code ; : ! ? % »} and after {@code «} (the thin spaces of
 *       French typography written as ordinary spaces), elisions such as {@code l'} and {@code
 *       qu'} attach to the next word, and clitics such as {@code -tu} to the word before.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class RuleDetokenizer implements Detokenizer {

    private static final Set<String> SPECIFIC = Set.of("en", "de", "fr", "es");
    private static final Set<String> ELIDING = Set.of("fr", "it", "ca");
    /** German conjunctions after which, or before which, a hyphen marks an elided word part. */
    private static final Set<String> SUSPENDING = Set.of("und", "oder", "sowie", "bis", "als", "wie", "bzw.");
    /** English words written without their first letters, after an apostrophe. */
    private static final Set<String> APHAERESIS = Set.of("em", "til", "cause", "bout", "round", "twas", "tis", "n");
    private static final Set<String> ENGLISH_CONTRACTIONS = Set.of("'s", "'re", "'ve", "'m", "'ll", "'d", "n't");

    private final String language;
    private final boolean french;
    private final boolean english;
    private final boolean german;
    private final boolean elision;

    private RuleDetokenizer(String language) {
        this.language = language;
        this.french = language.equals("fr");
        this.english = language.equals("en");
        this.german = language.equals("de");
        this.elision = ELIDING.contains(language);
    }

    /**
     * @param language ISO 639-1 code or {@code und} (already validated by the caller's spec)
     * @return the detokenizer for it
     */
    public static RuleDetokenizer forLanguage(String language) {
        return new RuleDetokenizer(Objects.requireNonNull(language, "language").toLowerCase(Locale.ROOT));
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public boolean languageSpecific() {
        return SPECIFIC.contains(language);
    }

    @Override
    public String detokenize(List<String> allTokens) {
        List<String> tokens = allTokens.stream().filter(t -> !t.isEmpty()).toList();
        StringBuilder out = new StringBuilder();
        Quotes quotes = new Quotes();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals("'") && apostropheInWord(tokens, i) == NONE) {
                quotes.singleAhead++;
            }
        }
        boolean glueNext = true;
        String previous = "";
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            int glue = classify(token, previous, next, quotes);
            if (out.length() > 0 && !glueNext && (glue & LEFT) == 0) {
                out.append(' ');
            }
            out.append(token);
            glueNext = (glue & RIGHT) != 0;
            previous = token;
        }
        return out.toString();
    }

    private static final int NONE = 0;
    private static final int LEFT = 1;
    private static final int RIGHT = 2;
    private static final int BOTH = LEFT | RIGHT;

    /** Open quotation marks, innermost last; straight quotes are tracked by parity. */
    private static final class Quotes {
        boolean doubleOpen;
        boolean singleOpen;
        /** Lone straight apostrophes not yet reached. */
        int singleAhead;
        final Deque<Character> typographic = new ArrayDeque<>();

        int open(char c) {
            typographic.push(c);
            return RIGHT;
        }

        boolean top(char c) {
            return !typographic.isEmpty() && typographic.peek() == c;
        }

        int close() {
            typographic.pop();
            return LEFT;
        }
    }

    private int classify(String token, String previous, String next, Quotes quotes) {
        if (token.equals("-") && german) {
            // suspended hyphen: "Ess- und Wohnzimmer", "Papiertellern und -tassen"
            return (SUSPENDING.contains(previous) ? NONE : LEFT) | (SUSPENDING.contains(next) ? NONE : RIGHT);
        }
        if (token.equals(":") && endsWithDigit(previous) && startsWithDigit(next)) {
            return BOTH; // a time, which UAX#29 splits: 11:27
        }
        if (token.equals("&") && isInitials(previous) && isInitials(next)) {
            return BOTH; // Q&A, AT&T
        }
        if (token.equals("'")) {
            int glue = apostropheInWord(previous, next);
            if (glue != NONE) {
                return glue;
            }
        }
        if (token.length() == 1 || isRunOf(token)) {
            int glue = classifySymbol(token, quotes);
            if (glue >= 0) {
                return glue;
            }
        }
        String lower = token.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (!french && ENGLISH_CONTRACTIONS.contains(lower)) {
            // English clitics also occur in names inside other languages: McDonald's
            return LEFT;
        }
        if (french && token.length() > 1 && token.charAt(0) == '-' && Character.isLetter(token.codePointAt(1))) {
            return LEFT; // clitic pronoun split off by CoreNLP: "es" "-tu"
        }
        if (elision && token.length() > 1 && lower.endsWith("'")
                && Character.isLetter(token.codePointBefore(token.length() - 1))) {
            return RIGHT; // elided article or pronoun: "l'" "homme"
        }
        return NONE;
    }

    /**
     * @return the glue of a one-symbol token (or a run of one symbol, such as "..." or "!!"), or
     *     -1 when the symbol has no rule and the token is spaced like a word
     */
    private int classifySymbol(String token, Quotes quotes) {
        int c = token.codePointAt(0);
        switch (c) {
            case '.', ',', '\u2026':
                return LEFT;
            case '!', '?', ';', ':', '%':
                return french ? NONE : LEFT;
            case '-', '/':
                return BOTH;
            case '#', '@', '$', '\u00a3', '\u00bf', '\u00a1':
                return RIGHT;
            case '"':
                quotes.doubleOpen = !quotes.doubleOpen;
                return quotes.doubleOpen ? RIGHT : LEFT;
            case '\'':
                if (token.length() > 1) {
                    return -1;
                }
                quotes.singleAhead--;
                if (quotes.singleOpen) {
                    quotes.singleOpen = false;
                    return LEFT;
                }
                if (quotes.singleAhead > 0) {
                    quotes.singleOpen = true;
                    return RIGHT; // a later one closes it: 'Thriller'
                }
                return LEFT; // nothing to close it: an apostrophe, as in "the dogs' toys"
            case '\u201e': // „ German opening
                return quotes.open('\u201e');
            case '\u201a': // ‚ German single opening
                return quotes.open('\u201a');
            case '\u201c': // “ closes „ in German, opens in English typography
                return quotes.top('\u201e') ? quotes.close() : quotes.open('\u201c');
            case '\u201d': // ” closes “
                return quotes.top('\u201c') ? quotes.close() : LEFT;
            case '\u2018': // ‘ closes ‚ in German, opens in English typography
                return quotes.top('\u201a') ? quotes.close() : quotes.open('\u2018');
            case '\u2019': // ’ closes ‘, otherwise an apostrophe
                return quotes.top('\u2018') ? quotes.close() : LEFT;
            case '\u00ab': // «
                if (french) {
                    return NONE;
                }
                return quotes.top('\u00bb') ? quotes.close() : quotes.open('\u00ab');
            case '\u00bb': // »
                if (french) {
                    return NONE;
                }
                return quotes.top('\u00ab') ? quotes.close() : quotes.open('\u00bb');
            default:
                break;
        }
        int type = Character.getType(c);
        if (type == Character.START_PUNCTUATION) {
            return RIGHT;
        }
        if (type == Character.END_PUNCTUATION) {
            return LEFT;
        }
        return -1;
    }

    private int apostropheInWord(List<String> tokens, int i) {
        return apostropheInWord(i > 0 ? tokens.get(i - 1) : "", i + 1 < tokens.size() ? tokens.get(i + 1) : "");
    }

    /** The glue of a lone apostrophe that is part of a word, not a quotation mark; else NONE. */
    private int apostropheInWord(String previous, String next) {
        if (endsWithDigit(previous) && next.equals("s")) {
            return BOTH; // a decade, which UAX#29 splits: 80's
        }
        if (english && APHAERESIS.contains(next.toLowerCase(Locale.ROOT))) {
            return RIGHT; // a word missing its start: 'em, 'til
        }
        return NONE;
    }

    private static boolean isInitials(String token) {
        return !token.isEmpty() && token.length() <= 2 && token.chars().allMatch(Character::isUpperCase);
    }

    private static boolean endsWithDigit(String token) {
        return !token.isEmpty() && Character.isDigit(token.codePointBefore(token.length()));
    }

    private static boolean startsWithDigit(String token) {
        return !token.isEmpty() && Character.isDigit(token.codePointAt(0));
    }

    private static boolean isRunOf(String token) {
        int first = token.codePointAt(0);
        for (int i = Character.charCount(first); i < token.length(); ) {
            int c = token.codePointAt(i);
            if (c != first) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
