package org.nmt4j.translator.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.nmt4j.nn.NativeRuntime;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.Quantization;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.model.Bf16Inference;
import org.nmt4j.translator.model.Int8Quantization;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained model ready to use: the seq2seq model with its weights, and how text becomes ids and
 * back on each side. Loaded from (and saved as) a {@link ModelFile}.
 */
public final class TrainedModel {
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModel.class);
  private final ModelManifest manifest;
  private final ExperimentConfig config;
  private final TextProcessing text;
  private final Seq2SeqModel model;
  private final TextPipeline sourcePipeline;
  private final TextPipeline targetPipeline;

  /**
   * @param manifest the file's manifest (or one describing a model not yet saved)
   * @param config the effective training config
   * @param text tokenizers, merges and vocabularies
   * @param model the model; its vocabulary sizes must match {@code text}'s
   */
  public TrainedModel(
      ModelManifest manifest, ExperimentConfig config, TextProcessing text, Seq2SeqModel model) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.config = Objects.requireNonNull(config, "config");
    this.text = Objects.requireNonNull(text, "text");
    this.model = Objects.requireNonNull(model, "model");
    if (model.sourceVocabularySize() != text.sourceVocabulary().size()
        || model.targetVocabularySize() != text.targetVocabulary().size()) {
      throw new IllegalArgumentException("model vocabulary sizes " + model.sourceVocabularySize()
          + "/" + model.targetVocabularySize() + " differ from the vocabularies' "
          + text.sourceVocabulary().size() + "/" + text.targetVocabulary().size());
    }
    this.sourcePipeline = text.sourcePipeline();
    this.targetPipeline = text.targetPipeline();
  }

  /**
   * Loads a model file and assembles the model.
   *
   * @throws ModelFileException (one line, naming the file) for any problem with the file
   */
  public static TrainedModel load(Path file) {
    NativeRuntime.init();
    ModelFileContents c = ModelFile.read(file);
    Seq2SeqModel model;
    try {
      model = Seq2SeqModel.fromParameters(c.config().model(), c.text().sourceVocabulary().size(),
          c.text().targetVocabulary().size(), c.parameters());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file + ": weights do not fit the model: " + e.getMessage(), e);
    }
    ModelManifest m = c.manifest();
    LOG.info("loaded {}: {}-{}, {} parameters, vocabularies {}/{}, {} training steps, written by nmt4j {}",
        file, m.sourceLanguage(), m.targetLanguage(), m.parameters(), m.sourceVocabularySize(),
        m.targetVocabularySize(), m.trainingSteps(), m.nmt4jVersion());
    return new TrainedModel(m, c.config(), c.text(), model);
  }

  /**
   * Loads a model file as {@link #load(Path)} does, then quantizes it to int8 or prepares it for
   * bf16 products when asked (a file already int8 stays int8, whatever is asked).
   *
   * @throws ModelFileException (one line, naming the file) for any problem with the file, or when
   *     int8 or bf16 inference is not available here
   */
  public static TrainedModel load(Path file, Quantization quantization) {
    TrainedModel m = load(file);
    if (quantization == Quantization.INT8) {
      try {
        Int8Quantization.quantize(m.model);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ModelFileException(file + ": cannot quantize to int8: " + e.getMessage(), e);
      }
    } else if (quantization == Quantization.BF16 && !m.int8()) { // an int8 file stays int8
      try {
        Bf16Inference.prepare(m.model);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ModelFileException(file + ": cannot run in bf16: " + e.getMessage(), e);
      }
    }
    return m;
  }

  /** Whether the large products run in int8 (a quantized file, or quantized on load). */
  public boolean int8() {
    return Int8Quantization.isQuantized(model.parameters());
  }

  /** Saves as a model file, atomically (an int8 file when the model is quantized). */
  public void save(Path file) throws IOException {
    ModelFile.write(file, config, text, model.parameters(), manifest.trainingSteps());
  }

  /** The manifest it was loaded with. */
  public ModelManifest manifest() {
    return manifest;
  }

  /** The effective config of the training run. */
  public ExperimentConfig config() {
    return config;
  }

  /** Tokenizers, merges and vocabularies. */
  public TextProcessing text() {
    return text;
  }

  /** The seq2seq model. */
  public Seq2SeqModel model() {
    return model;
  }

  /** Source text to model tokens. */
  public TextPipeline sourcePipeline() {
    return sourcePipeline;
  }

  /** Target text to model tokens and back. */
  public TextPipeline targetPipeline() {
    return targetPipeline;
  }

  /** Source token ids. */
  public Vocabulary sourceVocabulary() {
    return text.sourceVocabulary();
  }

  /** Target token ids. */
  public Vocabulary targetVocabulary() {
    return text.targetVocabulary();
  }
}
