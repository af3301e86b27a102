package org.nmt4j.translator.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.config.ValidDecodingConfig;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;
import org.nmt4j.translator.eval.Bleu;
import org.nmt4j.translator.eval.BleuOptions;
import org.nmt4j.translator.io.TextProcessing;
import org.nmt4j.translator.model.Seq2SeqModel;

/**
 * Validation BLEU: greedily translates the raw validation source sentences (or a fixed, seeded
 * sample of them) with the model's current weights (and the configured rules against repeated
 * output and minimum length, {@link ValidDecodingConfig}), detokenizes, and scores corpus BLEU with
 * sacreBLEU's defaults against the raw validation target lines. Higher is better ({@link
 * MetricGoal#MAXIMISE}).
 *
 * <p>The model is wrapped for translation in memory (no model file is written); decoding only
 * reads the weights, which the {@link Trainer} leaves unchanged while it validates.
 */
public final class BleuValidationScorer implements ValidationScorer {
  private final Translator translator;
  private final List<String> sources;
  private final List<String> references;
  private final Bleu bleu = new Bleu(BleuOptions.defaults());
  private final DecodingOptions options;

  /**
   * @param model the model being trained (read at each {@link #score()})
   * @param text the text processing that encoded its training data
   * @param validation the raw validation pairs, in corpus order
   * @param maxSentences score at most this many pairs, 0 for all
   * @param seed chooses the sample when there are more than {@code maxSentences} pairs
   */
  public BleuValidationScorer(Seq2SeqModel model, TextProcessing text,
      List<SentencePair> validation, int maxSentences, long seed) {
    this(model, text, validation, maxSentences, seed, ValidDecodingConfig.defaults());
  }

  /**
   * @param model the model being trained (read at each {@link #score()})
   * @param text the text processing that encoded its training data
   * @param validation the raw validation pairs, in corpus order
   * @param maxSentences score at most this many pairs, 0 for all
   * @param seed chooses the sample when there are more than {@code maxSentences} pairs
   * @param decoding the rules against repetition and the minimum length of the greedy decoding
   */
  public BleuValidationScorer(Seq2SeqModel model, TextProcessing text,
      List<SentencePair> validation, int maxSentences, long seed, ValidDecodingConfig decoding) {
    Objects.requireNonNull(decoding, "decoding");
    this.options = options(decoding);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(text, "text");
    if (maxSentences < 0) {
      throw new IllegalArgumentException(
          "training.valid-bleu-sentences must be >= 0, got " + maxSentences);
    }
    if (validation.isEmpty()) {
      throw new IllegalArgumentException("validation BLEU needs at least one validation pair");
    }
    this.translator = Translator.of(new Seq2SeqTranslationModel(model, text.sourceVocabulary(),
        text.targetVocabulary(), text.sourcePipeline(), text.targetPipeline()));
    List<SentencePair> chosen = sample(validation, maxSentences, seed);
    this.sources = chosen.stream().map(SentencePair::source).toList();
    this.references = chosen.stream().map(SentencePair::target).toList();
  }

  /**
   * The pairs scored: all of them, or {@code max} chosen by a seeded shuffle and kept in corpus
   * order (the same sample at every validation and after a resume).
   */
  static List<SentencePair> sample(List<SentencePair> pairs, int max, long seed) {
    if (max == 0 || pairs.size() <= max) {
      return List.copyOf(pairs);
    }
    List<Integer> order = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    List<Integer> kept = new ArrayList<>(order.subList(0, max));
    Collections.sort(kept);
    return kept.stream().map(pairs::get).toList();
  }

  /** Greedy decoding with the configured rules against repetition and minimum length. */
  static DecodingOptions options(ValidDecodingConfig decoding) {
    return DecodingOptions.greedy()
        .withRepetitionRules(decoding.noRepeatNgram(), decoding.repetitionPenalty())
        .withMinLengthRatio(decoding.minLengthRatio())
        .withScores(false); // BLEU needs the texts only
  }

  /** The number of validation pairs translated at each validation. */
  public int sentences() {
    return sources.size();
  }

  /** Corpus BLEU (0-100) of the current model's greedy translations. */
  @Override
  public double score() {
    List<String> hypotheses = translator.translate(sources, options).stream()
        .map(Translation::text).toList();
    return bleu.corpusScore(hypotheses, List.of(references)).score();
  }
}
