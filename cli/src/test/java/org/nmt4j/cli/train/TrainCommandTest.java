package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.Main;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.io.TrainedModel;
import org.nmt4j.translator.run.TrainingCsvLog;

class TrainCommandTest {
  @TempDir static Path data;

  @BeforeAll
  static void corpus() {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 200, 4).withHeldOut(20, 0)).write(data);
  }

  /** Exit code, stdout and stderr of one run. */
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private static List<String> args(Path outDir, String... more) {
    return ToyTrainArgs.of(data, outDir, more);
  }

  @Test
  void trainsWritesEveryOutputAndResumes(@TempDir Path out) throws Exception {
    Result r = run(args(out, "--max-steps", "12").toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("stopped after 12 steps (max steps)"), r.out());
    assertTrue(r.out().contains("model: " + out.resolve("model.nmt4j")), r.out());
    for (String f : List.of("model.nmt4j", "checkpoint.zip", "config.yaml", "vocab.src.tsv",
        "vocab.tgt.tsv", TrainingCsvLog.FILE, TrainingPlot.FILE)) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    ExperimentConfig saved = ConfigYaml.read(out.resolve("config.yaml"));
    assertEquals(12, saved.model().encoder().hiddenSize());
    assertEquals(0, saved.training().epochs());
    TrainedModel m = TrainedModel.load(out.resolve("model.nmt4j"));
    assertEquals(24, m.sourceVocabulary().size());
    List<String> csv = Files.readAllLines(out.resolve(TrainingCsvLog.FILE));
    assertEquals(TrainingCsvLog.HEADER, csv.get(0));
    assertEquals(12, csv.stream().filter(l -> l.startsWith("train,")).count());
    assertTrue(r.err().contains("step 5 (epoch 1): valid ppl"), r.err());

    // the same directory again with a higher limit: resumes from the end checkpoint, reusing
    // the saved settings (no model flags repeated)
    Result again = run("train", "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(),
        "--valid-src", data.resolve("valid.src").toString(),
        "--valid-tgt", data.resolve("valid.tgt").toString(),
        "--out-dir", out.toString(), "--max-steps", "15");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resumed from step 12"), again.err());
    assertTrue(again.out().contains("stopped after 15 steps"), again.out());
    assertEquals(15, Files.readAllLines(out.resolve(TrainingCsvLog.FILE)).stream()
        .filter(l -> l.startsWith("train,")).count());
  }

  @Test
  void quietRunLogsToTheLogFileAndAppendsOnResume(@TempDir Path out) throws Exception {
    Path log = out.resolve("logs/train.log");
    Result r = run(args(out.resolve("run"), "--max-steps", "10", "--quiet", "--log",
        log.toString()).toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    // quiet: no progress bar, validation or preparation lines; the result still on stdout
    assertEquals("", r.err());
    assertTrue(r.out().contains("stopped after 10 steps (max steps)"), r.out());
    String first = Files.readString(log);
    for (String line : List.of("INFO  org.nmt4j.cli.train.TrainCommand - read and tokenized 200 training pairs",
        "INFO  org.nmt4j.translator.train.TrainingLog - training in " + out.resolve("run") + ": fresh start;",
        "TrainingLog - step 5 (epoch 1): validation loss ",
        "TrainingLog - model file at step 5: " + out.resolve("run/model.nmt4j"),
        "TrainingLog - checkpoint at step 10: " + out.resolve("run/checkpoint.zip"),
        "TrainingLog - training in " + out.resolve("run") + " stopped after 10 steps (max steps)")) {
      assertTrue(first.contains(line), line + " not in\n" + first);
    }
    assertTrue(first.lines().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} "
        + "(INFO |WARN |ERROR) \\S+ - .*") || !l.matches("\\d{4}-.*")), first);

    Result again = run(args(out.resolve("run"), "--max-steps", "12", "--log", log.toString())
        .toArray(String[]::new));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resumed from step 10"), again.err());
    String both = Files.readString(log);
    assertTrue(both.startsWith(first), "the log is appended to");
    assertTrue(both.substring(first.length()).contains("TrainingLog - training in " + out.resolve("run")
        + ": resumed from step 10;"), both);
  }

  @Test
  void theLogFileMayNotBeAnInput(@TempDir Path out) throws Exception {
    Result r = run(args(out, "--max-steps", "1", "--log", data.resolve("train.src").toString())
        .toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, r.code(), r.err());
    assertTrue(r.err().startsWith("nmt4j train: error: --log"), r.err());
    assertEquals(200, Files.readAllLines(data.resolve("train.src")).size());
  }

  @Test
  void badSettingsGetOneLineNamingTheOption(@TempDir Path out) throws Exception {
    Result lr = run(args(out, "--lr", "-1").toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, lr.code());
    assertEquals("nmt4j train: error: --lr: training.learning-rate must be > 0, got -1.0",
        lr.err().strip());
    Result smoothing = run(args(out, "--label-smoothing", "1").toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, smoothing.code());
    assertEquals("nmt4j train: error: --label-smoothing: training.label-smoothing must be in "
        + "[0, 1), got 1.0", smoothing.err().strip());
    Result embedding = run(args(out, "--embedding-dropout", "-0.1").toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, embedding.code());
    assertEquals("nmt4j train: error: --embedding-dropout: encoder.embedding-dropout must be in "
        + "[0, 1), got -0.1", embedding.err().strip());

    Result penalty = run(args(out, "--repetition-penalty", "-1").toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, penalty.code());
    assertEquals("nmt4j train: error: --repetition-penalty: training.valid-decoding.repetition-penalty"
        + " must be > 0 and finite (1 = off), got -1.0", penalty.err().strip());

    Result precision = run(args(out, "--precision", "fp8").toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, precision.code());
    assertTrue(precision.err().strip().startsWith("nmt4j train: error: invalid value for option "
        + "'--precision': --precision must be float32 or bf16, got 'fp8'"), precision.err());
    Result sparkBf16 = run(args(out, "--precision", "bf16", "--spark", "local[2]")
        .toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, sparkBf16.code());
    assertEquals("nmt4j train: error: --precision bf16 is not available with --spark (workers in "
        + "other JVMs would train in float32)", sparkBf16.err().strip());

    Path cfg = out.resolve("cfg.yaml");
    Files.writeString(cfg, "training:\n  learnin-rate: 0.1\n");
    Result unknown = run(args(out.resolve("x"), "--config", cfg.toString()).toArray(String[]::new));
    assertEquals(Main.EXIT_FAILURE, unknown.code());
    assertTrue(unknown.err().strip().startsWith("nmt4j train: error: " + cfg
        + ":2: unknown key 'training.learnin-rate'; valid keys under training: batch-size"),
        unknown.err());
    assertEquals(1, unknown.err().strip().lines().count());

    Result layers = run("train", "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(), "--out-dir", out.resolve("y").toString(),
        "--dec-layers", "3");
    assertEquals("nmt4j train: error: --dec-layers: decoder.layers (3) may not exceed "
        + "encoder.layers (2): each decoder layer is seeded from a top encoder layer",
        layers.err().strip());

    Result pair = run("train", "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(), "--valid-src", "v.src",
        "--out-dir", out.toString());
    assertEquals("nmt4j train: error: --valid-src and --valid-tgt must be given together",
        pair.err().strip());

    Files.writeString(out.resolve("short.tgt"), "a b\n");
    Result lines = run("train", "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", out.resolve("short.tgt").toString(), "--out-dir", out.resolve("z").toString());
    assertEquals(Main.EXIT_FAILURE, lines.code());
    assertTrue(lines.err().contains("short.tgt"), lines.err());
    assertEquals(1, lines.err().strip().lines().count(), lines.err());
  }
}
