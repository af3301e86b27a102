package org.nmt4j.translator.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.translator.data.TrainCorpus;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.config.ConfigException;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.io.TrainedModel;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;
import org.nmt4j.translator.train.TrainingStart;

/**
 * A whole run in a directory: the files it writes, the order its listeners hear of the start,
 * and a run started again after it finished.
 */
class TrainingRunTest {
  private static final ExperimentConfig CONFIG = ConfigYaml.override(ExperimentConfig.defaults(),
      List.of(ConfigOverride.of("model.encoder.embedding", 8),
          ConfigOverride.of("model.encoder.hidden", 12),
          ConfigOverride.of("model.encoder.layers", 1),
          ConfigOverride.of("model.decoder.embedding", 8),
          ConfigOverride.of("model.decoder.hidden", 12),
          ConfigOverride.of("model.decoder.layers", 1),
          ConfigOverride.of("training.batch-size", 16),
          ConfigOverride.of("training.epochs", 0),
          ConfigOverride.of("training.max-steps", 8),
          ConfigOverride.of("training.valid-every", 4),
          ConfigOverride.of("training.checkpoint-every", 4),
          ConfigOverride.of("training.seed", 3)));

  @Test
  void writesTheModelTheRecordsAndTheLogThenFindsItComplete(@TempDir Path corpus,
      @TempDir Path out) throws Exception {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 150, 3).withHeldOut(20, 0))
        .write(corpus);
    CorpusSpec train = CorpusSpec.aligned(corpus.resolve("train.src"), corpus.resolve("train.tgt"));
    CorpusSpec valid = CorpusSpec.aligned(corpus.resolve("valid.src"), corpus.resolve("valid.tgt"));
    Map<String, Path> files = Map.of("--train-src", corpus.resolve("train.src"));
    List<String> heard = new ArrayList<>();
    TrainingListener after = new TrainingListener() {
      @Override
      public void onStart(TrainingStart s) {
        // the run's own listeners come first: the records and the log are already written
        heard.add("start " + Files.exists(out.resolve(RunDirectory.CONFIG_FILE)) + " "
            + Files.exists(out.resolve(DataFiles.FILE)) + " "
            + Files.exists(out.resolve(TrainingCsvLog.FILE)));
      }

      @Override
      public void onStep(StepStats s) {
        heard.add("step " + s.step());
      }
    };
    List<String> messages = new ArrayList<>();
    RunDirectory dir = RunDirectory.open(out, false, files, List.of(), messages::add);
    TrainingResult r = TrainingRun.prepare(dir, new RunInput(CONFIG, List.of(new TrainCorpus(train, 1)), valid, List.of(after)))
        .train();

    assertEquals(TrainingResult.StopReason.MAX_STEPS, r.reason());
    assertEquals(8, r.steps());
    assertEquals("start true true true", heard.get(0));
    assertEquals(9, heard.size());
    assertTrue(messages.contains("validation pairs: 20"), messages.toString());
    for (String f : RunDirectory.FILES) {
      boolean merges = f.endsWith(".merges");
      assertEquals(!merges, Files.exists(out.resolve(f)), f);
    }
    assertEquals(List.of(), ConfigYaml.differences(
        ConfigYaml.read(out.resolve(RunDirectory.CONFIG_FILE)), CONFIG));
    assertEquals(8, TrainingCsvLog.read(dir.csvLog()).stream()
        .filter(row -> row.type().equals("train")).count());
    assertEquals(r.bestStep(), TrainedModel.load(r.modelFile()).manifest().trainingSteps());

    byte[] model = Files.readAllBytes(r.modelFile());
    RunDirectory again = RunDirectory.open(out, false, files, List.of(), s -> { });
    TrainingResult complete =
        TrainingRun.prepare(again, new RunInput(CONFIG, List.of(new TrainCorpus(train, 1)), valid, List.of())).train();
    assertEquals(TrainingResult.StopReason.ALREADY_COMPLETE, complete.reason());
    assertEquals(8, complete.steps());
    assertArrayEquals(model, Files.readAllBytes(r.modelFile()));
  }

  @Test
  void bleuValidationNeedsAValidationCorpus(@TempDir Path corpus) {
    ExperimentConfig bleu = ConfigYaml.override(CONFIG,
        List.of(ConfigOverride.of("training.valid-metric", "bleu")));
    ConfigException e = assertThrows(ConfigException.class, () -> new RunInput(bleu,
        List.of(new TrainCorpus(CorpusSpec.aligned(corpus.resolve("a"), corpus.resolve("b")), 1)),
        null, List.of()));
    assertEquals("training.valid-metric bleu needs validation data: give --valid-src and "
        + "--valid-tgt", e.getMessage());
  }
}
