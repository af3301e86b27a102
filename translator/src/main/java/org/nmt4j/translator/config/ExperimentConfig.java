package org.nmt4j.translator.config;

import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.translator.model.ModelConfig;

/**
 * Everything that defines a training run: the data preparation, the model architecture and the
 * training procedure. Read from YAML with {@link ConfigYaml}; every field has a default.
 *
 * @param data how text becomes token ids
 * @param model the architecture
 * @param training the training procedure
 */
public record ExperimentConfig(DataConfig data, ModelConfig model, TrainingConfig training) {
  /** Checks that no section is missing. */
  public ExperimentConfig {
    if (data == null || model == null || training == null) {
      throw new IllegalArgumentException("config needs the sections data, model and training");
    }
  }

  /** The default of every field. */
  public static ExperimentConfig defaults() {
    return new ExperimentConfig(DataConfig.defaults(), defaultModel(), TrainingConfig.defaults());
  }

  /**
   * The default architecture: embeddings 256, hidden 512, 2-layer bidirectional encoder, 2-layer
   * decoder, dropout 0.3, uniform +-0.1 initialisation with forget-gate bias 1.
   */
  public static ModelConfig defaultModel() {
    return new ModelConfig(
        new EncoderConfig(256, 512, 2, 0.3),
        new DecoderConfig(256, 512, 2, 0.3, false),
        InitConfig.defaults());
  }

  /** A copy with another data section. */
  public ExperimentConfig withData(DataConfig d) {
    return new ExperimentConfig(d, model, training);
  }

  /** A copy with another model section. */
  public ExperimentConfig withModel(ModelConfig m) {
    return new ExperimentConfig(data, m, training);
  }

  /** A copy with another training section. */
  public ExperimentConfig withTraining(TrainingConfig t) {
    return new ExperimentConfig(data, model, t);
  }
}
