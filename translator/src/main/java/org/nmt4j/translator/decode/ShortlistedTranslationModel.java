package org.nmt4j.translator.decode;

import java.util.List;
import java.util.Objects;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.decoder.search.StepDecoder;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.shortlist.Shortlist;

/**
 * A seq2seq model whose decoding computes the output layer over a lexical shortlist only: each
 * batch's target ids are {@link Shortlist#columns} of its sources, every other id's logit is
 * -infinity (see {@code org.nmt4j.decoder.ShortlistedOutput}). Text processing is the model's.
 *
 * <p>Thread-safe, as the model it wraps.
 */
public final class ShortlistedTranslationModel implements TranslationModel {
  private final Seq2SeqTranslationModel model;
  private final Shortlist shortlist;

  /**
   * @param model the model
   * @param shortlist a shortlist over its vocabularies
   * @throws IllegalArgumentException when the shortlist's vocabulary sizes differ from the model's
   */
  public ShortlistedTranslationModel(Seq2SeqTranslationModel model, Shortlist shortlist) {
    this.model = Objects.requireNonNull(model, "model");
    this.shortlist = Objects.requireNonNull(shortlist, "shortlist");
    if (shortlist.targetVocabulary() != model.model().targetVocabularySize()
        || shortlist.sourceVocabulary() != model.model().sourceVocabularySize()) {
      throw new IllegalArgumentException("the shortlist is for vocabularies of "
          + shortlist.sourceVocabulary() + "/" + shortlist.targetVocabulary()
          + " ids, the model has " + model.model().sourceVocabularySize() + "/"
          + model.model().targetVocabularySize());
    }
  }

  /** The shortlist. */
  public Shortlist shortlist() {
    return shortlist;
  }

  @Override
  public List<String> sourceTokens(String text) {
    return model.sourceTokens(text);
  }

  @Override
  public int[] sourceIds(List<String> tokens) {
    return model.sourceIds(tokens);
  }

  @Override
  public int[] targetIds(String text) {
    return model.targetIds(text);
  }

  @Override
  public List<String> targetTokens(int[] ids) {
    return model.targetTokens(ids);
  }

  @Override
  public String detokenizeTarget(List<String> tokens) {
    return model.detokenizeTarget(tokens);
  }

  /**
   * Starts over the batch's listed ids; over the whole vocabulary where the list holds no
   * ordinary token (only {@code </s>} and {@code <unk>}, e.g. a list without frequent tokens for
   * sources it has no entries for): every choice would otherwise be forbidden once {@code </s>}
   * is (a minimum length) and {@code <unk>} is.
   */
  @Override
  public StepDecoder startDecoding(SourceBatch sources) {
    int[] ids = shortlist.columns(sources);
    return ids[ids.length - 1] >= Vocabulary.SPECIAL_TOKENS.size()
        ? model.model().startDecoding(sources, ids) : model.model().startDecoding(sources);
  }
}
