package org.nmt4j.translator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.io.ModelFileException;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.train.TrainingResult.StopReason;
import org.nmt4j.translator.train.checkpoint.CheckpointFile;

class TrainerTest {
  private static final TrainingData DATA =
      TrainingData.inMemory(TinyModel.data(200, 1), TinyModel.data(40, 2));

  private static ExperimentConfig config(Object... pathValues) {
    List<ConfigOverride> o = new ArrayList<>(List.of(
        ConfigOverride.of("training.batch-size", 16),
        ConfigOverride.of("training.learning-rate", 0.05),
        ConfigOverride.of("training.epochs", 0),
        ConfigOverride.of("training.max-steps", 40),
        ConfigOverride.of("training.valid-every", 10),
        ConfigOverride.of("training.checkpoint-every", 5),
        ConfigOverride.of("training.seed", 3)));
    for (int i = 0; i < pathValues.length; i += 2) {
      o.add(ConfigOverride.of((String) pathValues[i], pathValues[i + 1]));
    }
    return ConfigYaml.override(ExperimentConfig.defaults(), o);
  }

  /** Records every event as a line. */
  private static final class Recorder implements TrainingListener {
    final List<String> events = new ArrayList<>();
    final List<StepStats> steps = new ArrayList<>();
    final List<ValidationResult> validations = new ArrayList<>();
    TrainingStart start;

    @Override
    public void onStart(TrainingStart s) {
      start = s;
      events.add("start " + s.resumedFromStep());
    }

    @Override
    public void onStep(StepStats s) {
      steps.add(s);
    }

    @Override
    public void onValidation(ValidationResult r) {
      validations.add(r);
      events.add("valid " + r.step());
    }

    @Override
    public void onEpochEnd(int epoch, long step) {
      events.add("epoch " + epoch + " " + step);
    }

    @Override
    public void onCheckpoint(long step, Path file) {
      events.add("checkpoint " + step);
    }

    @Override
    public void onModelSaved(long step, Path file) {
      events.add("model " + step);
    }
  }

  private static TrainingResult run(ExperimentConfig c, TinyModel m, TrainingData d, Path out,
      TrainingListener... listeners) throws IOException {
    Trainer.Builder b = Trainer.builder(c, m, d).outputDirectory(out)
        .modelWriter((file, step) -> Files.writeString(file, "model at " + step));
    for (TrainingListener l : listeners) {
      b.listener(l);
    }
    return b.build().train();
  }

  @Test
  void trainsValidatesCheckpointsAndKeepsTheBestModel(@TempDir Path out) throws IOException {
    Recorder rec = new Recorder();
    TinyModel m = new TinyModel(7);
    TrainingResult r = run(config(), m, DATA, out, rec);
    assertEquals(40, r.steps());
    assertEquals(StopReason.MAX_STEPS, r.reason());
    assertEquals(-1, rec.start.resumedFromStep());
    assertEquals(13, rec.start.batchesPerEpoch()); // 200 pairs / 16
    assertEquals(40, rec.steps.size());
    assertTrue(rec.steps.get(39).loss() < rec.steps.get(0).loss() * 0.5,
        rec.steps.get(0).loss() + " -> " + rec.steps.get(39).loss());
    assertEquals(List.of(10L, 13L, 20L, 26L, 30L, 39L, 40L),
        rec.validations.stream().map(ValidationResult::step).toList());
    assertTrue(rec.events.contains("epoch 1 13") && rec.events.contains("epoch 3 39"));
    for (long s = 5; s <= 40; s += 5) {
      assertTrue(rec.events.contains("checkpoint " + s), "checkpoint " + s);
    }
    ValidationResult best = rec.validations.stream()
        .min((a, b) -> Double.compare(a.value(), b.value())).orElseThrow();
    assertEquals(best.step(), r.bestStep());
    assertEquals("model at " + r.bestStep(), Files.readString(out.resolve(Trainer.MODEL_FILE)));
    assertEquals(40, CheckpointFile.read(out.resolve(Trainer.CHECKPOINT_FILE)).state().step());
    for (StepStats s : rec.steps) {
      assertEquals(s.clipped(), s.gradientNorm() > 1.0);
      assertTrue(s.tokensPerSecond() > 0);
    }
    assertEquals(rec.steps.stream().filter(StepStats::clipped).count(), r.clippedSteps());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(Trainer.CHECKPOINT_FILE, Trainer.MODEL_FILE),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws IOException {
    ExperimentConfig c = config("training.max-steps", 33, "training.valid-every", 4,
        "training.lr-decay.patience", 1, "training.lr-decay.factor", 0.7);
    TinyModel straight = new TinyModel(11);
    Recorder a = new Recorder();
    run(c, straight, DATA, dir.resolve("a"), a);

    Path out = dir.resolve("b");
    TinyModel first = new TinyModel(11);
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onStep(StepStats s) {
        if (s.step() == 18) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> run(c, first, DATA, out, crash));
    assertEquals(15, CheckpointFile.read(out.resolve(Trainer.CHECKPOINT_FILE)).state().step());

    TinyModel second = new TinyModel(99); // other initial weights: the checkpoint replaces them
    Recorder b = new Recorder();
    TrainingResult r = run(c, second, DATA, out, b);
    assertEquals("start 15", b.events.get(0));
    assertEquals(33, r.steps());
    assertEquals(18, second.forwardBackwardCalls);
    INDArray diff = straight.parameters().flatValues().sub(second.parameters().flatValues());
    assertTrue(diff.amaxNumber().doubleValue() <= 1e-6, "max diff " + diff.amaxNumber());
    for (int i = 0; i < 18; i++) {
      StepStats x = a.steps.get(15 + i);
      StepStats y = b.steps.get(i);
      assertEquals(x.step(), y.step());
      assertEquals(x.loss(), y.loss(), 1e-6);
      assertEquals(x.learningRate(), y.learningRate(), 0.0);
      assertEquals(x.clippedSteps(), y.clippedSteps());
    }
    List<String> va = a.validations.stream().filter(v -> v.step() > 15)
        .map(v -> v.step() + " " + v.isBest() + " " + v.learningRate()).toList();
    List<String> vb = b.validations.stream()
        .map(v -> v.step() + " " + v.isBest() + " " + v.learningRate()).toList();
    assertEquals(va, vb);
  }

  @Test
  void nanLossStopsNamingTheStepAndKeepsTheLastGoodCheckpoint(@TempDir Path out) throws IOException {
    ExperimentConfig c = config();
    TinyModel inner = new TinyModel(5);
    long badSeed = DropoutSeeds.forStep(3, 13);
    TrainableModel poisoned = new Wrapped(inner) {
      @Override
      public LossStats forwardBackward(Batch batch, long seed) {
        LossStats s = inner.forwardBackward(batch, seed);
        return seed == badSeed ? new LossStats(Double.NaN, s.tokens()) : s;
      }
    };
    Path ckpt = out.resolve(Trainer.CHECKPOINT_FILE);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Trainer.builder(c, poisoned, DATA).outputDirectory(out).build().train());
    assertEquals(13, e.step());
    assertEquals("training diverged at step 13: training loss is NaN; training stopped (the last good checkpoint "
        + "(step 10) is " + ckpt + "); try a lower --lr or --clip", e.getMessage());
    assertEquals(10, CheckpointFile.read(ckpt).state().step());
  }

  @Test
  void aLossFarAboveAUniformGuessIsDivergence(@TempDir Path out) throws IOException {
    ExperimentConfig c = config();
    TinyModel inner = new TinyModel(5);
    long badSeed = DropoutSeeds.forStep(3, 12);
    TrainableModel exploding = new Wrapped(inner) {
      @Override
      public LossStats forwardBackward(Batch batch, long seed) {
        LossStats s = inner.forwardBackward(batch, seed);
        // finite, but 10 x ln 30 = 34.0 is the limit
        return seed == badSeed ? new LossStats(64436.0 * s.tokens(), s.tokens()) : s;
      }

      @Override
      public int outputClasses() {
        return 30;
      }
    };
    Path ckpt = out.resolve(Trainer.CHECKPOINT_FILE);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Trainer.builder(c, exploding, DATA).outputDirectory(out).build().train());
    assertEquals(12, e.step());
    assertEquals("training diverged at step 12: training loss 6.444e+04 exploded (above 10 x "
        + "ln 30 = 34.0); training stopped (the last good checkpoint (step 10) is " + ckpt
        + "); try a lower --lr or --clip", e.getMessage());
    assertEquals(10, CheckpointFile.read(ckpt).state().step());
  }

  @Test
  void infiniteGradientAlsoStops(@TempDir Path out) {
    TinyModel inner = new TinyModel(5);
    TrainableModel exploding = new Wrapped(inner) {
      @Override
      public LossStats forwardBackward(Batch batch, long seed) {
        LossStats s = inner.forwardBackward(batch, seed);
        inner.parameters().gradient("b").putScalar(0, 0, Float.POSITIVE_INFINITY);
        return s;
      }
    };
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Trainer.builder(config(), exploding, DATA).outputDirectory(out).build().train());
    assertTrue(e.getMessage().startsWith("training diverged at step 1: gradient norm is Infinity"),
        e.getMessage());
    assertTrue(e.getMessage().contains("no checkpoint was written yet"), e.getMessage());
    assertFalse(Files.exists(out.resolve(Trainer.CHECKPOINT_FILE)));
  }

  @Test
  void earlyStoppingAndDecayFollowTheValidationMetric(@TempDir Path out) throws IOException {
    ExperimentConfig c = config("training.max-steps", 1000, "training.valid-every", 2,
        "training.early-stopping-patience", 3, "training.lr-decay.patience", 2,
        "training.checkpoint-every", 0);
    TinyModel inner = new TinyModel(5);
    int[] calls = {0};
    // validation loss gets better twice, then only worse
    double[] validLoss = {3, 2, 2.5, 2.6, 2.7, 2.8};
    TrainableModel m = new Wrapped(inner) {
      @Override
      public LossStats loss(Batch batch) {
        return new LossStats(validLoss[Math.min(calls[0], validLoss.length - 1)] * 10, 10);
      }
    };
    TrainingListener counter = new TrainingListener() {
      @Override
      public void onValidation(ValidationResult r) {
        calls[0]++;
      }
    };
    Recorder rec = new Recorder();
    TrainingResult r = Trainer.builder(c, m, DATA).outputDirectory(out).listener(counter)
        .listener(rec).build().train();
    assertEquals(StopReason.EARLY_STOPPING, r.reason());
    assertEquals(10, r.steps());
    assertEquals(4, r.bestStep());
    assertEquals(Math.exp(2), r.bestValue(), 1e-9);
    List<ValidationResult> v = rec.validations;
    assertEquals(5, v.size());
    assertFalse(v.get(2).learningRateDecayed());
    assertTrue(v.get(3).learningRateDecayed());
    assertEquals(0.025, v.get(3).learningRate(), 1e-12);
    assertTrue(v.get(4).stopping());
    assertEquals(0.025, rec.steps.get(9).learningRate(), 1e-12); // step 10 used the decayed rate
    assertEquals(0.05, rec.steps.get(7).learningRate(), 1e-12);
    // resuming a stopped run does nothing more: no step, no validation, no listener call, no
    // file written
    Recorder again = new Recorder();
    long modified = java.nio.file.Files.getLastModifiedTime(out.resolve(Trainer.CHECKPOINT_FILE))
        .toMillis();
    TrainingResult r2 = Trainer.builder(c, m, DATA).outputDirectory(out).listener(again).build().train();
    assertEquals(StopReason.ALREADY_COMPLETE, r2.reason());
    assertEquals(10, r2.steps());
    assertEquals(4, r2.bestStep());
    assertEquals(List.of(), again.events);
    assertEquals(modified, java.nio.file.Files.getLastModifiedTime(
        out.resolve(Trainer.CHECKPOINT_FILE)).toMillis());
  }

  @Test
  void keepsTheLastCheckpointsWithTheirOwnContents(@TempDir Path out) throws IOException {
    ExperimentConfig c = config("training.max-steps", 20, "training.keep-checkpoints", 2);
    run(c, new TinyModel(1), DATA, out, new Recorder());
    try (var files = java.nio.file.Files.list(out)) {
      assertEquals(List.of("checkpoint-15.zip", "checkpoint-20.zip"), files
          .map(f -> f.getFileName().toString()).filter(n -> n.startsWith("checkpoint-"))
          .sorted().toList());
    }
    assertEquals(15, CheckpointFile.read(out.resolve("checkpoint-15.zip")).state().step());
    assertEquals(20, CheckpointFile.read(out.resolve("checkpoint-20.zip")).state().step());
    assertEquals(20, CheckpointFile.read(out.resolve(Trainer.CHECKPOINT_FILE)).state().step());
  }

  @Test
  void epochLimitAndNoValidationWritesTheLatestModel(@TempDir Path out) throws IOException {
    ExperimentConfig c = config("training.max-steps", 0, "training.epochs", 2,
        "training.checkpoint-every", 10);
    Recorder rec = new Recorder();
    TrainingResult r = run(c, new TinyModel(1), TrainingData.inMemory(TinyModel.data(200, 1), null),
        out, rec);
    assertEquals(StopReason.EPOCHS, r.reason());
    assertEquals(26, r.steps());
    assertEquals(2, r.epochs());
    assertTrue(rec.validations.isEmpty());
    assertTrue(Double.isNaN(r.bestValue()));
    assertEquals(List.of("start -1", "model 10", "checkpoint 10", "epoch 1 13", "model 20",
        "checkpoint 20", "epoch 2 26", "model 26", "checkpoint 26"), rec.events);
  }

  @Test
  void resumingWithOtherModelSettingsFails(@TempDir Path out) throws IOException {
    run(config("training.max-steps", 5), new TinyModel(1), DATA, out);
    ExperimentConfig other = config("training.max-steps", 10, "model.encoder.hidden", 64,
        "training.seed", 4);
    ModelFileException e = assertThrows(ModelFileException.class,
        () -> run(other, new TinyModel(1), DATA, out));
    assertEquals(out.resolve(Trainer.CHECKPOINT_FILE) + ": the checkpoint was made with other "
        + "settings (model.encoder.hidden: 512 -> 64; training.seed: 3 -> 4); use the same "
        + "settings to resume, or --reset (or another --out-dir) to start afresh", e.getMessage());
    // other training limits are fine
    TrainingResult r = run(config("training.max-steps", 8), new TinyModel(1), DATA, out);
    assertEquals(8, r.steps());
  }

  @Test
  void tokenBudgetBatchesStayWithinTheBudget(@TempDir Path out) throws IOException {
    ExperimentConfig c = config("training.token-budget", 40, "training.max-steps", 0,
        "training.epochs", 1);
    assertEquals(org.nmt4j.corpora.batch.BatchUnit.TOKENS, Trainer.batchConfig(c.training()).unit());
    List<Integer> sizes = new ArrayList<>();
    TinyModel inner = new TinyModel(2);
    TrainableModel m = new Wrapped(inner) {
      @Override
      public LossStats forwardBackward(Batch batch, long seed) {
        sizes.add(batch.size() * Math.max(batch.sourceLength(), batch.targetLength()));
        return inner.forwardBackward(batch, seed);
      }
    };
    TrainingResult r = Trainer.builder(c, m, DATA).outputDirectory(out).build().train();
    assertEquals(StopReason.EPOCHS, r.reason());
    assertEquals(r.steps(), sizes.size());
    assertTrue(sizes.stream().allMatch(n -> n <= 40), sizes.toString());
    assertTrue(r.steps() > 200 / 16, "smaller batches than 16 sentences: " + r.steps());
  }

  /** Delegates to a {@link TinyModel}; each test overrides the one method it changes. */
  private static class Wrapped implements TrainableModel {
    private final TinyModel inner;

    Wrapped(TinyModel inner) {
      this.inner = inner;
    }

    @Override
    public Parameters parameters() {
      return inner.parameters();
    }

    @Override
    public LossStats forwardBackward(Batch batch, long seed) {
      return inner.forwardBackward(batch, seed);
    }

    @Override
    public LossStats loss(Batch batch) {
      return inner.loss(batch);
    }
  }
}
