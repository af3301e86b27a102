package org.nmt4j.tokenization.impl;

import edu.stanford.nlp.international.french.process.FrenchTokenizer;
import edu.stanford.nlp.international.german.process.GermanTokenizerPostProcessor;
import edu.stanford.nlp.international.spanish.process.SpanishTokenizer;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.tokenization.TokenizerSpec;

/**
 * Stanford CoreNLP 4.5.7's rule-based tokenizers, configured as CoreNLP's own pipeline
 * configures them for each language ({@code TokenizerAnnotator}); all of them run from the
 * CoreNLP jar alone, without model jars:
 *
 * <ul>
 *   <li>{@code en}: {@code PTBTokenizer}, options {@code invertible} (splits {@code n't},
 *       {@code 's}, hyphens);
 *   <li>{@code de}: {@code PTBTokenizer} with {@code ptb3Escaping=false,splitHyphenated=true},
 *       then {@code GermanTokenizerPostProcessor} (re-joins ordinals and German abbreviations);
 *   <li>{@code fr}: {@code FrenchTokenizer}, {@code splitCompounds=false,
 *       splitContractions=false,quotes=ORIGINAL} (splits elisions {@code l'} and clitics
 *       {@code -tu});
 *   <li>{@code es}: {@code SpanishTokenizer}, {@code ellipses=ascii,splitAll=false}. Splitting
 *       verb enclitics ({@code splitVerbs}/{@code splitAll}) needs the Spanish models jar's
 *       dictionary and is not used.
 * </ul>
 *
 * Every option set adds {@code untokenizable=noneKeep}, so that unknown characters stay as
 * tokens instead of being deleted. Tokens are the original text (the character span CoreNLP
 * reports), never PTB escapes such as {@code -LRB-} or {@code ``}; a token CoreNLP
 * builds with a space inside (such as a fraction {@code 2 1/2}) is split at the space, and the
 * empty tokens PTB adds (a repeated sentence-final period) are dropped.
 *
 * <p>Thread-safe: the factories make a new lexer per call.
 */
public final class CoreNlpTokenizer extends WordTokenizer {

    private static final String KEEP = ",untokenizable=noneKeep";

    private final TokenizerFactory<CoreLabel> factory;
    private final GermanTokenizerPostProcessor germanPostProcessor;
    private final TextNormalizer normalizer;

    /** @param spec a spec of kind {@code corenlp} with one of {@link TokenizerSpec#CORENLP_LANGUAGES} */
    public CoreNlpTokenizer(TokenizerSpec spec) {
        super(spec, TokenizerSpec.CORENLP);
        this.normalizer = new TextNormalizer(spec.lowercase(), spec.nfkc());
        switch (spec.language()) {
            case "en" -> {
                factory = PTBTokenizer.coreLabelFactory("invertible" + KEEP);
                germanPostProcessor = null;
            }
            case "de" -> {
                factory = PTBTokenizer.coreLabelFactory("invertible,ptb3Escaping=false,splitHyphenated=true" + KEEP);
                germanPostProcessor = new GermanTokenizerPostProcessor();
            }
            case "fr" -> {
                factory = FrenchTokenizer.FrenchTokenizerFactory.newTokenizerFactory();
                factory.setOptions("invertible,splitCompounds=false,splitContractions=false,quotes=ORIGINAL" + KEEP);
                germanPostProcessor = null;
            }
            case "es" -> {
                factory = SpanishTokenizer.factory(new CoreLabelTokenFactory(),
                        "invertible,ellipses=ascii,splitAll=false" + KEEP);
                germanPostProcessor = null;
            }
            default -> throw new IllegalArgumentException("tokenizer corenlp does not support language '"
                    + spec.language() + "', valid values: " + String.join(", ", TokenizerSpec.CORENLP_LANGUAGES));
        }
    }

    @Override
    public List<String> tokenize(String text) {
        String input = normalizer.apply(text);
        List<CoreLabel> labels = factory.getTokenizer(new StringReader(input)).tokenize();
        if (germanPostProcessor != null) {
            labels = germanPostProcessor.process(labels);
        }
        List<String> tokens = new ArrayList<>(labels.size());
        for (CoreLabel label : labels) {
            int begin = label.beginPosition();
            int end = label.endPosition();
            // the offsets, not originalText: the German post-processor extends a merged token's
            // offsets ("bzw" + "." = "bzw.") but leaves its originalText as it was
            if (begin >= 0 && begin <= end && end <= input.length()) {
                addPieces(input.substring(begin, end), false, tokens);
            } else if (label.originalText() != null) {
                addPieces(label.originalText(), false, tokens);
            }
        }
        return tokens;
    }
}
