package org.nmt4j.translator.config;

import java.util.List;
import org.nmt4j.tokenization.TokenizerSpec;

/**
 * How parallel text becomes token ids: the training corpora, normalisation, filters, tokenizers,
 * subwords and vocabularies.
 *
 * @param sourceLang ISO 639-1 code of the source side (e.g. "de") or "und"; the source
 *     tokenizer's language when its spec names none, and written into the model file
 * @param targetLang the same for the target side
 * @param sourceTokenizer tokenizer of the source side in {@link TokenizerSpec}'s text form, such
 *     as {@code lucene} or {@code corenlp,lowercase}
 * @param targetTokenizer tokenizer of the target side
 * @param bpeMerges number of BPE merges learned on the training data; 0 disables subwords
 * @param bpeJoint learn one set of merges over both sides (true) or one per side (false)
 * @param minFreq least count of a token to enter a vocabulary
 * @param maxSize largest vocabulary size including the 4 specials; 0 for no limit
 * @param sharedVocab one vocabulary for both sides
 * @param maxLength drop training pairs with more tokens than this on either side (before
 *     subwords); 0 keeps all
 * @param sourceVocab prebuilt source vocabulary file ({@code token<TAB>count}), or null to build
 *     one from the training data
 * @param targetVocab prebuilt target vocabulary file, or null
 * @param train the training corpora with their weights (empty: the command line gives them)
 * @param filters the filters applied to the training pairs besides {@code max-length} and
 *     empty sides
 * @param normalize clean training and validation text first (Unicode NFC, control characters
 *     removed, whitespace collapsed; {@code org.nmt4j.corpora.TextCleaner})
 */
public record DataConfig(
    String sourceLang,
    String targetLang,
    String sourceTokenizer,
    String targetTokenizer,
    int bpeMerges,
    boolean bpeJoint,
    int minFreq,
    int maxSize,
    boolean sharedVocab,
    int maxLength,
    String sourceVocab,
    String targetVocab,
    List<CorpusConfig> train,
    FiltersConfig filters,
    boolean normalize) {

  /** Validates every field, naming the option at fault. */
  public DataConfig {
    requireText("data.source-lang", sourceLang);
    requireText("data.target-lang", targetLang);
    requireText("data.source-tokenizer", sourceTokenizer);
    requireText("data.target-tokenizer", targetTokenizer);
    spec("data.source-lang", "whitespace", sourceLang);
    spec("data.target-lang", "whitespace", targetLang);
    spec("data.source-tokenizer", sourceTokenizer, sourceLang);
    spec("data.target-tokenizer", targetTokenizer, targetLang);
    if (bpeMerges < 0) {
      throw new IllegalArgumentException("data.bpe-merges must be >= 0, got " + bpeMerges);
    }
    if (minFreq < 1) {
      throw new IllegalArgumentException("data.min-freq must be >= 1, got " + minFreq);
    }
    if (maxSize != 0 && maxSize < 5) {
      throw new IllegalArgumentException(
          "data.max-size must be 0 (no limit) or >= 5 (4 specials and a token), got " + maxSize);
    }
    if (maxLength < 0) {
      throw new IllegalArgumentException("data.max-length must be >= 0, got " + maxLength);
    }
    train = train == null ? List.of() : List.copyOf(train);
    filters = filters == null ? FiltersConfig.none() : filters;
    if ((sourceVocab == null) != (targetVocab == null)) {
      throw new IllegalArgumentException(
          "data.source-vocab and data.target-vocab must be given together");
    }
  }

  /**
   * Lucene's language-independent word segmentation with punctuation kept (raw text needs no
   * pre-tokenization), no subwords, tokens seen at least twice, no size limit, length limit 100.
   */
  public static DataConfig defaults() {
    return new DataConfig(TokenizerSpec.UNDETERMINED, TokenizerSpec.UNDETERMINED, "lucene",
        "lucene", 0, true, 2, 0, false, 100, null, null, List.of(), FiltersConfig.none(), false);
  }

  /** The source tokenizer, with {@link #sourceLang()} as its language when the spec names none. */
  public TokenizerSpec sourceTokenizerSpec() {
    return spec("data.source-tokenizer", sourceTokenizer, sourceLang);
  }

  /** The target tokenizer, with {@link #targetLang()} as its language when the spec names none. */
  public TokenizerSpec targetTokenizerSpec() {
    return spec("data.target-tokenizer", targetTokenizer, targetLang);
  }

  private static TokenizerSpec spec(String option, String text, String lang) {
    try {
      // the language must be known before parsing: corenlp rejects an undetermined one
      boolean namesLanguage = java.util.Arrays.stream(text.split(","))
          .anyMatch(p -> p.strip().startsWith("lang="));
      return TokenizerSpec.parse(namesLanguage ? text : text + ",lang=" + lang);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** The filter chain's configuration: empty sides, {@link #maxLength()} and {@link #filters()}. */
  public org.nmt4j.corpora.FilterConfig filterConfig() {
    return filters.toFilterConfig(maxLength);
  }

  /** A copy with other training corpora. */
  public DataConfig withTrain(List<CorpusConfig> corpora) {
    return new DataConfig(sourceLang, targetLang, sourceTokenizer, targetTokenizer, bpeMerges,
        bpeJoint, minFreq, maxSize, sharedVocab, maxLength, sourceVocab, targetVocab, corpora,
        filters, normalize);
  }

  /** Whether prebuilt vocabulary files replace the vocabularies built from the data. */
  public boolean prebuiltVocabularies() {
    return sourceVocab != null;
  }

  private static void requireText(String name, String v) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
