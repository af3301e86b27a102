package org.nmt4j.tokenization.impl;

import com.ibm.icu.text.Normalizer2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.nmt4j.tokenization.TokenizerSpec;

/**
 * Lucene's {@link ICUTokenizer}: Unicode UAX#29 word boundaries for any language, with ICU's
 * dictionaries for scripts written without spaces (Thai, Lao, Khmer, Myanmar, Chinese,
 * Japanese). Lucene emits only the words, so the text between them is recovered from the
 * token offsets and kept as punctuation tokens: cut at spaces, then into runs of one repeated
 * character ({@code ."} gives {@code .} and {@code "}, {@code ...} stays whole).
 *
 * <p>NFKC and lowercasing run as Lucene filters ({@link ICUNormalizer2Filter}, {@link
 * LowerCaseFilter}) on the words, and the same operations ({@link TextNormalizer}) on the
 * recovered punctuation.
 *
 * <p>Thread-safe: Lucene's {@link Analyzer} keeps one token stream per thread and reuses it.
 */
public final class LuceneTokenizer extends WordTokenizer {

    private static final String FIELD = "text";

    private final Analyzer analyzer;
    private final TextNormalizer gapNormalizer;

    /** @param spec a spec of kind {@code lucene} */
    public LuceneTokenizer(TokenizerSpec spec) {
        super(spec, TokenizerSpec.LUCENE);
        boolean lowercase = spec.lowercase();
        boolean nfkc = spec.nfkc();
        this.gapNormalizer = new TextNormalizer(lowercase, nfkc);
        this.analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                ICUTokenizer source = new ICUTokenizer();
                TokenStream stream = source;
                if (nfkc) {
                    stream = new ICUNormalizer2Filter(stream, Normalizer2.getNFKCInstance());
                }
                if (lowercase) {
                    stream = new LowerCaseFilter(stream);
                }
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int end = 0;
            while (stream.incrementToken()) {
                int start = offset.startOffset();
                if (start > end) {
                    addGap(text.substring(end, start), tokens);
                }
                // NFKC can put a space inside a word (U+00A8 becomes space + combining diaeresis)
                addPieces(term.toString(), false, tokens);
                end = Math.max(end, offset.endOffset());
            }
            stream.end();
            if (end < text.length()) {
                addGap(text.substring(end), tokens);
            }
        } catch (IOException e) {
            // the stream reads a String: an IOException here would be a Lucene bug
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private void addGap(String gap, List<String> tokens) {
        addPieces(gapNormalizer.apply(gap), true, tokens);
    }
}
