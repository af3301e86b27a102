package org.nmt4j.translator.run;

import java.util.List;
import java.util.Objects;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.translator.data.TrainCorpus;
import org.nmt4j.translator.config.ConfigException;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.train.TrainingListener;

/**
 * What a {@link TrainingRun} trains: its settings, its corpora and who else listens.
 *
 * @param config the effective config (data, model and training settings)
 * @param train the training corpora with their sampling weights, passed to {@link
 *     org.nmt4j.translator.data.DataPreparation}
 * @param valid the validation corpus, or null for none
 * @param listeners listeners besides the run's own (config and data-file record, CSV log), told
 *     in this order after them: e.g. a progress bar or a plot
 */
public record RunInput(ExperimentConfig config, List<TrainCorpus> train, CorpusSpec valid,
    List<TrainingListener> listeners) {
  /**
   * Checks the input.
   *
   * @throws ConfigException when BLEU is the validation metric but there is no validation corpus
   */
  public RunInput {
    Objects.requireNonNull(config, "config");
    train = List.copyOf(train);
    listeners = List.copyOf(listeners);
    if (config.training().validMetric().equals("bleu") && valid == null) {
      throw new ConfigException(
          "training.valid-metric bleu needs validation data: give --valid-src and --valid-tgt");
    }
  }
}
