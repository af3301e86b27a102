package org.nmt4j.translator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.corpora.toy.ToyCorpus;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.DataPreparation;
import org.nmt4j.translator.data.PreparedData;
import org.nmt4j.translator.io.ModelFile;
import org.nmt4j.translator.io.TrainedModel;
import org.nmt4j.translator.model.Seq2SeqModel;

/**
 * Checkpoint resume with the real seq2seq model (2 layers, dropout, so the per-step dropout
 * seeds matter): K steps straight and k steps, a crash, then a resume to K give the same weights.
 */
class Seq2SeqResumeTest {
  private static final ExperimentConfig CONFIG = ConfigYaml.override(ExperimentConfig.defaults(),
      List.of(ConfigOverride.of("model.encoder.embedding", 8),
          ConfigOverride.of("model.encoder.hidden", 12),
          ConfigOverride.of("model.decoder.embedding", 8),
          ConfigOverride.of("model.decoder.hidden", 12),
          ConfigOverride.of("model.encoder.dropout", 0.2),
          ConfigOverride.of("model.decoder.dropout", 0.2),
          ConfigOverride.of("training.batch-size", 16),
          ConfigOverride.of("training.learning-rate", 0.01),
          ConfigOverride.of("training.epochs", 0),
          ConfigOverride.of("training.max-steps", 24),
          ConfigOverride.of("training.valid-every", 6),
          ConfigOverride.of("training.checkpoint-every", 5),
          ConfigOverride.of("training.lr-decay.patience", 1),
          ConfigOverride.of("training.seed", 5)));

  private static final ToyCorpus TOY = new ToyCorpusGenerator(
      ToyCorpusConfig.of(ToyTask.REVERSE, 150, 3).withHeldOut(30, 0)).generate();

  private static Seq2SeqModel fresh(PreparedData d, long seed) {
    return Seq2SeqModel.initialise(CONFIG.model(), d.text().sourceVocabulary().size(),
        d.text().targetVocabulary().size(), DataType.FLOAT, seed);
  }

  @Test
  void crashAndResumeGivesTheWeightsOfAStraightRun(@TempDir Path dir) throws Exception {
    PreparedData data = new DataPreparation(CONFIG.data(), s -> { })
        .prepare(TOY.train(), TOY.valid(), null, false);
    Seq2SeqModel straight = fresh(data, 5);
    Trainer.builder(CONFIG, TrainableModel.of(straight), data.trainingData())
        .outputDirectory(dir.resolve("a")).build().train();

    Path out = dir.resolve("b");
    Seq2SeqModel first = fresh(data, 5);
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onStep(StepStats s) {
        if (s.step() == 13) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> Trainer.builder(CONFIG,
        TrainableModel.of(first), data.trainingData()).outputDirectory(out).listener(crash)
        .build().train());

    Seq2SeqModel resumed = fresh(data, 77); // different start: the checkpoint must replace it
    long[] resumedFrom = {-1};
    TrainingResult r = Trainer.builder(CONFIG, TrainableModel.of(resumed), data.trainingData())
        .outputDirectory(out)
        .modelWriter((file, step) ->
            ModelFile.write(file, CONFIG, data.text(), resumed.parameters(), step))
        .listener(new TrainingListener() {
          @Override
          public void onStart(TrainingStart s) {
            resumedFrom[0] = s.resumedFromStep();
          }
        })
        .build().train();
    assertEquals(10, resumedFrom[0]);
    assertEquals(24, r.steps());
    double diff = straight.parameters().flatValues().sub(resumed.parameters().flatValues())
        .amaxNumber().doubleValue();
    assertTrue(diff <= 1e-6, "max weight difference " + diff);

    // the best model file holds the weights of its step and loads into a working model
    TrainedModel loaded = TrainedModel.load(r.modelFile());
    assertEquals(r.bestStep(), loaded.manifest().trainingSteps());
    assertEquals(resumed.parameters().count(), loaded.model().parameters().count());
  }
}
