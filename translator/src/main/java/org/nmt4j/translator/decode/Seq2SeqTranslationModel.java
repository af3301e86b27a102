package org.nmt4j.translator.decode;

import java.util.List;
import java.util.Objects;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.decoder.search.StepDecoder;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.io.TrainedModel;
import org.nmt4j.translator.model.Seq2SeqModel;

/**
 * The {@link TranslationModel} of a trained seq2seq model: text pipelines and vocabularies on
 * both sides, and the model's step-by-step decoding state.
 *
 * <p>Thread-safe: the pipelines and vocabularies are immutable, and {@link
 * Seq2SeqModel#startDecoding} encodes into fresh buffers and returns a decoding state that owns
 * all it writes, reading the weights only.
 */
public final class Seq2SeqTranslationModel implements TranslationModel {
  private final Seq2SeqModel model;
  private final Vocabulary sourceVocabulary;
  private final Vocabulary targetVocabulary;
  private final TextPipeline sourcePipeline;
  private final TextPipeline targetPipeline;

  /**
   * @param model the weights; their vocabulary sizes must match the vocabularies
   * @param sourceVocabulary source ids
   * @param targetVocabulary target ids
   * @param sourcePipeline source text to model tokens
   * @param targetPipeline target text to model tokens and back
   */
  public Seq2SeqTranslationModel(Seq2SeqModel model, Vocabulary sourceVocabulary,
      Vocabulary targetVocabulary, TextPipeline sourcePipeline, TextPipeline targetPipeline) {
    this.model = Objects.requireNonNull(model, "model");
    this.sourceVocabulary = Objects.requireNonNull(sourceVocabulary, "sourceVocabulary");
    this.targetVocabulary = Objects.requireNonNull(targetVocabulary, "targetVocabulary");
    this.sourcePipeline = Objects.requireNonNull(sourcePipeline, "sourcePipeline");
    this.targetPipeline = Objects.requireNonNull(targetPipeline, "targetPipeline");
    if (model.sourceVocabularySize() != sourceVocabulary.size()
        || model.targetVocabularySize() != targetVocabulary.size()) {
      throw new IllegalArgumentException("model vocabulary sizes " + model.sourceVocabularySize()
          + "/" + model.targetVocabularySize() + " differ from the vocabularies' "
          + sourceVocabulary.size() + "/" + targetVocabulary.size());
    }
  }

  /**
   * @param trained a loaded model file
   * @return its translation model
   */
  public static Seq2SeqTranslationModel of(TrainedModel trained) {
    return new Seq2SeqTranslationModel(trained.model(), trained.sourceVocabulary(),
        trained.targetVocabulary(), trained.sourcePipeline(), trained.targetPipeline());
  }

  /** @return the seq2seq model */
  public Seq2SeqModel model() {
    return model;
  }

  /** @return the source vocabulary */
  public Vocabulary sourceVocabulary() {
    return sourceVocabulary;
  }

  /** @return the target vocabulary */
  public Vocabulary targetVocabulary() {
    return targetVocabulary;
  }

  @Override
  public List<String> sourceTokens(String text) {
    return sourcePipeline.encode(text);
  }

  @Override
  public int[] sourceIds(List<String> tokens) {
    return sourceVocabulary.encode(tokens);
  }

  @Override
  public int[] targetIds(String text) {
    return targetVocabulary.encode(targetPipeline.encode(text));
  }

  @Override
  public List<String> targetTokens(int[] ids) {
    return targetVocabulary.decode(ids);
  }

  @Override
  public String detokenizeTarget(List<String> tokens) {
    return targetPipeline.decode(tokens);
  }

  @Override
  public StepDecoder startDecoding(SourceBatch sources) {
    return model.startDecoding(sources);
  }
}
