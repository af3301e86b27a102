package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.TrainCorpus;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.run.RunDirectory;
import org.nmt4j.translator.run.RunInput;
import org.nmt4j.translator.run.TrainingRun;
import org.nmt4j.translator.train.GradientSource;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainableModel;
import org.nmt4j.translator.train.Trainer;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;

/**
 * Training on Spark in {@code local[2,2]} (two worker threads, a failed task tried once more)
 * against the single-JVM trainer: the same trajectory on the same global batches, exact resume
 * after the driver dies, a failed worker task retried without changing the step, and a model
 * trained on Spark that translates.
 */
class SparkTrainingTest {
  private static JavaSparkContext spark;

  /** Tiny reverse-task model without dropout (dropout masks are drawn per worker). */
  private static final List<ConfigOverride> TINY = List.of(
      ConfigOverride.of("model.encoder.embedding", 8),
      ConfigOverride.of("model.encoder.hidden", 12),
      ConfigOverride.of("model.encoder.layers", 2),
      ConfigOverride.of("model.encoder.dropout", 0.0),
      ConfigOverride.of("model.decoder.embedding", 8),
      ConfigOverride.of("model.decoder.hidden", 12),
      ConfigOverride.of("model.decoder.layers", 1),
      ConfigOverride.of("model.decoder.dropout", 0.0),
      ConfigOverride.of("training.batch-size", 16),
      ConfigOverride.of("training.learning-rate", 0.01),
      ConfigOverride.of("training.clip-norm", 1.0),
      ConfigOverride.of("training.epochs", 0),
      ConfigOverride.of("training.max-steps", 20),
      ConfigOverride.of("training.valid-every", 0),
      ConfigOverride.of("training.checkpoint-every", 0),
      ConfigOverride.of("training.seed", 5));

  @BeforeAll
  static void startSpark() {
    spark = new JavaSparkContext(new SparkConf().setMaster("local[2,2]")
        .setAppName("nmt4j spark test").set("spark.ui.enabled", "false"));
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.close();
    }
  }

  @Test
  void twoWorkersFollowTheSingleMachineTrainerOnTheSameGlobalBatches(@TempDir Path tmp)
      throws Exception {
    ExperimentConfig config = config(TINY);
    CorpusSpec train = corpus(tmp.resolve("corpus"), 150, false)[0];
    List<Double> sparkLosses = new ArrayList<>();
    TrainingRun onSpark = prepare(tmp.resolve("spark"), config, train, null, losses(sparkLosses));
    TrainingResult r = SparkTraining.in(spark, 2).train(onSpark);
    assertEquals(20, r.steps());

    List<Double> localLosses = new ArrayList<>();
    TrainingRun local = prepare(tmp.resolve("local"), config, train, null, losses(localLosses));
    float[] initial = weights(local);
    local.train(new GlobalBatches(local, 2));

    float[] expected = weights(local);
    float[] got = weights(onSpark);
    double moved = 0;
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      moved = Math.max(moved, Math.abs(expected[i] - initial[i]));
      worst = Math.max(worst, Math.abs(expected[i] - got[i]));
    }
    // 20 Adam steps of lr 0.01 move weights by up to 0.2; summed shares differ by float rounding
    assertTrue(moved > 0.05, "training moved the weights by at most " + moved);
    assertTrue(worst < 2e-5, "largest weight difference after 20 steps: " + worst);
    assertEquals(20, sparkLosses.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(localLosses.get(i), sparkLosses.get(i), 1e-5, "loss of step " + (i + 1));
    }
    assertTrue(sparkLosses.get(19) < sparkLosses.get(0) - 0.1, "loss went " + sparkLosses);
  }

  @Test
  void resumesExactlyAfterTheDriverDies(@TempDir Path tmp) throws Exception {
    List<ConfigOverride> settings = new ArrayList<>(TINY);
    settings.add(ConfigOverride.of("training.checkpoint-every", 5));
    settings.add(ConfigOverride.of("model.encoder.dropout", 0.2));
    ExperimentConfig config = config(settings);
    CorpusSpec train = corpus(tmp.resolve("corpus"), 150, false)[0];

    TrainingRun whole = prepare(tmp.resolve("whole"), config, train, null, List.of());
    SparkTraining.in(spark, 2).train(whole);

    Path dir = tmp.resolve("killed");
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onStep(StepStats s) {
        if (s.step() == 13) {
          throw new IllegalStateException("driver killed");
        }
      }
    };
    TrainingRun first = prepare(dir, config, train, null, List.of(crash));
    IllegalStateException killed =
        assertThrows(IllegalStateException.class, () -> SparkTraining.in(spark, 2).train(first));
    assertEquals("driver killed", killed.getMessage());

    IllegalArgumentException otherWorkers = assertThrows(IllegalArgumentException.class,
        () -> SparkTraining.in(spark, 3).checkResumable(open(dir)));
    assertTrue(otherWorkers.getMessage().startsWith("--workers 3 differs from the 2 workers"),
        otherWorkers.getMessage());
    IllegalArgumentException noSpark = assertThrows(IllegalArgumentException.class,
        () -> WorkersRecord.checkResumable(dir, 0));
    assertTrue(noSpark.getMessage().contains("resume it with --spark MASTER --workers 2"),
        noSpark.getMessage());

    List<Long> steps = new ArrayList<>();
    TrainingRun again = prepare(dir, config, train, null, List.of(new TrainingListener() {
      @Override
      public void onStep(StepStats s) {
        steps.add(s.step());
      }
    }));
    TrainingResult r = SparkTraining.in(spark, 2).train(again);
    assertEquals(20, r.steps());
    assertEquals(11L, steps.get(0), "resumed after the checkpoint of step 10");
    // with dropout on as well: masks are functions of (seed, step, worker)
    assertArrayEquals(weights(whole), weights(again));
  }

  @Test
  void aFailedWorkerTaskIsRetriedAndTheStepIsUnchanged(@TempDir Path tmp) throws Exception {
    List<ConfigOverride> settings = new ArrayList<>(TINY);
    settings.add(ConfigOverride.of("training.max-steps", 6));
    ExperimentConfig config = config(settings);
    CorpusSpec train = corpus(tmp.resolve("corpus"), 150, false)[0];
    TrainingRun plain = prepare(tmp.resolve("plain"), config, train, null, List.of());
    SparkTraining.in(spark, 2).train(plain);

    int before = ShardStep.injectedFailures();
    spark.setLocalProperty(SparkGradients.FAIL_ONCE_KEY, "4:1");
    TrainingRun failing = prepare(tmp.resolve("failing"), config, train, null, List.of());
    try {
      SparkTraining.in(spark, 2).train(failing);
    } finally {
      spark.setLocalProperty(SparkGradients.FAIL_ONCE_KEY, null);
    }
    assertEquals(before + 1, ShardStep.injectedFailures(), "the task of shard 1 at step 4 failed");
    assertArrayEquals(weights(plain), weights(failing));
  }

  @Test
  void aModelTrainedOnSparkTranslatesHeldOutStrings(@TempDir Path tmp) throws Exception {
    ExperimentConfig config = config(List.of(
        ConfigOverride.of("model.encoder.embedding", 16),
        ConfigOverride.of("model.encoder.hidden", 96),
        ConfigOverride.of("model.encoder.layers", 1),
        ConfigOverride.of("model.encoder.dropout", 0.0),
        ConfigOverride.of("model.decoder.embedding", 16),
        ConfigOverride.of("model.decoder.hidden", 96),
        ConfigOverride.of("model.decoder.layers", 1),
        ConfigOverride.of("model.decoder.dropout", 0.0),
        ConfigOverride.of("training.batch-size", 128),
        ConfigOverride.of("training.learning-rate", 0.01),
        ConfigOverride.of("training.epochs", 0),
        ConfigOverride.of("training.max-steps", 400),
        ConfigOverride.of("training.valid-every", 100),
        ConfigOverride.of("training.checkpoint-every", 100),
        ConfigOverride.of("training.seed", 3)));
    // strings of 2 to 5 of 10 symbols: learnt in a few hundred steps
    CorpusSpec[] data = corpus(tmp.resolve("corpus"), 8000, true, 10, 2, 5);
    TrainingRun run = prepare(tmp.resolve("run"), config, data[0], data[1], List.of());
    TrainingResult r = SparkTraining.in(spark, 2).train(run);
    assertEquals(400, r.steps());
    assertTrue(Files.exists(r.modelFile()), "model file " + r.modelFile());

    List<String> sources = Files.readAllLines(tmp.resolve("corpus/test.src"));
    List<String> targets = Files.readAllLines(tmp.resolve("corpus/test.tgt"));
    List<Translation> got = Translator.load(r.modelFile()).translate(sources);
    int right = 0;
    for (int i = 0; i < got.size(); i++) {
      if (got.get(i).text().equals(targets.get(i))) {
        right++;
      }
    }
    double accuracy = (double) right / got.size();
    System.out.printf("spark local[2,2], 2 workers: reverse task, %d steps, best valid ppl %.3f "
        + "at step %d, held-out exact match %.1f%% (%d/%d)%n", r.steps(), r.bestValue(),
        r.bestStep(), 100 * accuracy, right, got.size());
    assertTrue(accuracy >= 0.8, "held-out exact match " + accuracy);
  }

  /**
   * The single-JVM reference: the same global batches (batch k of every shard, concatenated)
   * through one model's forward and backward pass in this JVM.
   */
  private static final class GlobalBatches implements GradientSource {
    private final List<ShardBatches> shards = new ArrayList<>();
    private final TrainableModel model;

    GlobalBatches(TrainingRun run, int workers) {
      ShardBatchConfig shares =
          ShardBatchConfig.split(Trainer.batchConfig(run.config().training()), workers);
      for (CorpusShard s : CorpusShard.deal(run.data().train(), workers)) {
        shards.add(new ShardBatches(s, shares));
      }
      model = TrainableModel.of(run.model(), run.config().training().regularisation());
    }

    @Override
    public long countBatches() {
      return count(0);
    }

    private long count(int epoch) {
      return shards.stream().mapToLong(s -> s.count(epoch)).max().orElse(0);
    }

    @Override
    public EpochGradients resume(BatchPosition position) {
      long batches = count(position.epoch());
      return new EpochGradients() {
        long done = position.batchesDone();

        @Override
        public boolean hasNext() {
          return done < batches;
        }

        @Override
        public LossStats next(long dropoutSeed) {
          List<Batch> parts = new ArrayList<>();
          for (ShardBatches s : shards) {
            Batch b = s.batchAt(new BatchPosition(position.epoch(), done));
            if (b != null) {
              parts.add(b);
            }
          }
          done++;
          return model.forwardBackward(concat(parts), dropoutSeed);
        }

        @Override
        public BatchPosition position() {
          return new BatchPosition(position.epoch(), done);
        }

        @Override
        public void close() {}
      };
    }
  }

  /** The rows of several batches in one, padded to the widest. */
  static Batch concat(List<Batch> parts) {
    int n = parts.stream().mapToInt(Batch::size).sum();
    int sw = parts.stream().mapToInt(Batch::sourceLength).max().orElseThrow();
    int tw = parts.stream().mapToInt(Batch::targetLength).max().orElseThrow();
    int[][] src = new int[n][sw];
    int[][] tin = new int[n][tw];
    int[][] tout = new int[n][tw];
    int[] sl = new int[n];
    int[] tl = new int[n];
    long[] idx = new long[n];
    int row = 0;
    for (Batch b : parts) {
      for (int i = 0; i < b.size(); i++, row++) {
        System.arraycopy(b.source()[i], 0, src[row], 0, b.sourceLength());
        System.arraycopy(b.targetInput()[i], 0, tin[row], 0, b.targetLength());
        System.arraycopy(b.targetOutput()[i], 0, tout[row], 0, b.targetLength());
        sl[row] = b.sourceLengths()[i];
        tl[row] = b.targetLengths()[i];
        idx[row] = b.indices()[i];
      }
    }
    return new Batch(src, sl, tin, tout, tl, idx);
  }

  private static ExperimentConfig config(List<ConfigOverride> settings) {
    return ConfigYaml.override(ExperimentConfig.defaults(), settings);
  }

  /** Writes a reverse-task corpus; returns train and (when asked) valid. */
  private static CorpusSpec[] corpus(Path dir, int size, boolean heldOut) {
    return corpus(dir, size, heldOut, ToyCorpusConfig.DEFAULT_VOCABULARY,
        ToyCorpusConfig.DEFAULT_MIN_LENGTH, ToyCorpusConfig.DEFAULT_MAX_LENGTH);
  }

  private static CorpusSpec[] corpus(Path dir, int size, boolean heldOut, int symbols, int min,
      int max) {
    ToyCorpusConfig c = ToyCorpusConfig.of(ToyTask.REVERSE, size, 2).withStrings(symbols, min, max);
    new ToyCorpusGenerator(heldOut ? c.withHeldOut(200, 200) : c.withHeldOut(0, 0)).write(dir);
    return new CorpusSpec[] {
        CorpusSpec.aligned(dir.resolve("train.src"), dir.resolve("train.tgt")),
        heldOut ? CorpusSpec.aligned(dir.resolve("valid.src"), dir.resolve("valid.tgt")) : null};
  }

  private static RunDirectory open(Path dir) throws IOException {
    return RunDirectory.open(dir, false, Map.of(), List.of(), s -> { });
  }

  private static TrainingRun prepare(Path dir, ExperimentConfig config, CorpusSpec train,
      CorpusSpec valid, List<TrainingListener> listeners) throws IOException {
    return TrainingRun.prepare(open(dir),
        new RunInput(config, List.of(new TrainCorpus(train, 1)), valid, listeners));
  }

  private static List<TrainingListener> losses(List<Double> into) {
    return List.of(new TrainingListener() {
      @Override
      public void onStep(StepStats s) {
        into.add(s.loss());
      }
    });
  }

  private static float[] weights(TrainingRun run) {
    return run.model().parameters().flatValues().dup().reshape(-1).toFloatVector();
  }
}
