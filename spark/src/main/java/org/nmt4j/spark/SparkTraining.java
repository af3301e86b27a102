package org.nmt4j.spark;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.spark.input.CorpusInputs;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.PreparedData;
import org.nmt4j.translator.run.RunDirectory;
import org.nmt4j.translator.run.TrainingRun;
import org.nmt4j.translator.train.Trainer;
import org.nmt4j.translator.train.TrainingResult;

/**
 * Trains a {@link TrainingRun} on Spark: everything of a single-machine run (validation, plateau
 * decay, early stopping, the best model, checkpoints and exact resume, progress and CSV log)
 * stays on the driver, only the gradients are computed by the workers ({@link SparkGradients}).
 *
 * <pre>{@code
 * try (SparkTraining spark = SparkTraining.start(new SparkSettings("local[2]", 2))) {
 *   spark.checkResumable(dir);
 *   TrainingResult r = spark.train(TrainingRun.prepare(dir, input));
 * }
 * }</pre>
 */
public final class SparkTraining implements AutoCloseable {
  private final JavaSparkContext spark;
  private final boolean owned;
  private final int workers;

  private SparkTraining(JavaSparkContext spark, boolean owned, int workers) {
    this.spark = spark;
    this.owned = owned;
    this.workers = workers;
  }

  /**
   * Starts a Spark context for {@code settings} (the master from {@code spark-submit} when the
   * settings name none); {@link #close} stops it.
   *
   * @throws IllegalArgumentException when no master is given or configured
   */
  public static SparkTraining start(SparkSettings settings) {
    SparkConf conf = new SparkConf().setAppName("nmt4j train");
    if (settings.master() != null) {
      conf.setMaster(settings.master());
    } else if (!conf.contains("spark.master")) {
      throw new IllegalArgumentException("--spark: no master URL given and none set by "
          + "spark-submit (spark.master)");
    }
    // the weights are floats of little redundancy: compressing them costs more than it saves
    conf.setIfMissing("spark.broadcast.compress", "false");
    if (conf.get("spark.master").startsWith("local")) {
      // no web UI for a local run: it would take a port on a shared machine
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    JavaSparkContext context = new JavaSparkContext(conf);
    return new SparkTraining(context, true, resolve(context, settings.workers()));
  }

  /**
   * Trains in an existing context (which stays open).
   *
   * @param workers the number of workers, or 0 for the context's default parallelism
   */
  public static SparkTraining in(JavaSparkContext spark, int workers) {
    if (workers < 0) {
      throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
    }
    return new SparkTraining(Objects.requireNonNull(spark, "spark"), false,
        resolve(spark, workers));
  }

  private static int resolve(JavaSparkContext spark, int workers) {
    return workers > 0 ? workers : Math.max(1, spark.defaultParallelism());
  }

  /** The number of workers: shards of the corpus and shares of every batch. */
  public int workers() {
    return workers;
  }

  /** The master URL of the context. */
  public String master() {
    return spark.master();
  }

  /** The context. */
  public JavaSparkContext context() {
    return spark;
  }

  /**
   * The corpus files by name, a URI read on the driver through Hadoop's {@code FileSystem} with
   * the context's Hadoop configuration ({@code spark.hadoop.*}, the cluster's {@code
   * core-site.xml}, credentials).
   */
  public CorpusInputs inputs() {
    return CorpusInputs.of(spark.hadoopConfiguration());
  }

  /**
   * Checks, before any data is prepared, that a checkpoint in {@code dir} (if any) was made on
   * Spark with as many workers.
   *
   * @throws IllegalArgumentException naming the flags to use instead
   */
  public void checkResumable(RunDirectory dir) throws IOException {
    WorkersRecord.checkResumable(dir.path(), workers);
  }

  /**
   * Checks that the run's batch size (or token budget) splits into equal shares.
   *
   * @return the share of each worker
   * @throws IllegalArgumentException naming the flags when it does not
   */
  public ShardBatchConfig checkBatchSize(ExperimentConfig config) {
    return ShardBatchConfig.split(Trainer.batchConfig(config.training()), workers);
  }

  /**
   * Trains the run with its gradients summed over the workers; returns as {@link
   * TrainingRun#train()} does.
   *
   * @throws IllegalArgumentException when the run has several training corpora, or its batch
   *     size is not a multiple of the workers
   */
  public TrainingResult train(TrainingRun run) throws IOException {
    checkResumable(run.directory());
    PreparedData data = run.data();
    if (data.trainFiles().size() != 1) {
      throw new IllegalArgumentException("--spark trains on one training corpus, got "
          + data.trainFiles().size() + " (weighted mixing is not distributed)");
    }
    List<EncodedPair> pairs = data.train();
    SparkGradients gradients = new SparkGradients(spark, workers, run.config(),
        run.model().parameters(), data.text().sourceVocabulary().size(),
        data.text().targetVocabulary().size(), pairs,
        Trainer.batchConfig(run.config().training()));
    run.directory().messages().accept("training on Spark (" + spark.master() + ") with "
        + workers + " workers, " + pairs.size() + " pairs dealt into " + workers + " shards");
    WorkersRecord.write(run.directory().path(), workers);
    try {
      return run.train(gradients);
    } finally {
      gradients.release();
    }
  }

  /** Stops the context if {@link #start} started it. */
  @Override
  public void close() {
    if (owned) {
      spark.close();
    }
  }
}
