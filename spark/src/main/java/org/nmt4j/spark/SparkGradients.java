package org.nmt4j.spark;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nmt4j.corpora.batch.BatchConfig;
import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.train.GradientSource;

/**
 * A step's gradients summed over a Spark cluster: the driver side of synchronous data-parallel
 * training, plugged into the single-machine {@code Trainer} as its {@link GradientSource}.
 *
 * <p>Data: the encoded training pairs are dealt into one {@link CorpusShard} per worker ({@code
 * i mod workers}), parallelized as an RDD of one shard per partition and cached on the executors
 * (a lost partition is rebuilt from the driver's copy by Spark's lineage). Step {@code k} of
 * epoch {@code e} is the union of batch {@code k} of every shard ({@link ShardBatches}: the
 * single-machine batcher with {@code batch-size / workers} per shard); an epoch lasts as long as
 * the shard with the most batches, shards that have run out contribute nothing.
 *
 * <p>A step: the weights are broadcast ({@code TorrentBroadcast}: peer-to-peer, each executor
 * fetches them once), one task per shard computes {@link ShardStep}, and {@code treeAggregate}
 * adds the {@link GradientSum}s, executors combining partial sums so that the driver receives
 * about sqrt(workers) arrays rather than one per worker. The driver writes the sum divided by
 * the global token count into the model's gradient buffer, and the {@code Trainer} clips, applies
 * Adam, validates and checkpoints exactly as on one machine.
 *
 * <p>Why {@code treeAggregate} and not barrier execution with an all-reduce: Spark's barrier
 * mode offers a barrier and an all-gather of strings, not an all-reduce of arrays, so it would
 * need a home-made transport; and a failed barrier task restarts every task of the stage, while
 * a failed aggregate task is simply retried alone ({@code spark.task.maxFailures}) and computes
 * the same share again, since batches and dropout are functions of the seed and position. The
 * price is that the update is applied once, on the driver, and the weights travel back by
 * broadcast: two transfers of the parameters per step instead of an all-reduce's one.
 */
public final class SparkGradients implements GradientSource {
  /**
   * Test hook (a Spark conf key): {@code CALL:SHARD} makes the first attempt of shard SHARD's
   * task fail at the CALL-th step (1-based) this source computes, to show a retried task leaves
   * the step unchanged.
   */
  public static final String FAIL_ONCE_KEY = "spark.nmt4j.test.failOnce";

  private final JavaSparkContext spark;
  private final Parameters params;
  private final int workers;
  private final String runId = UUID.randomUUID().toString();
  private final String configYaml;
  private final int sourceVocabulary;
  private final int targetVocabulary;
  private final ShardBatchConfig shares;
  private final JavaRDD<CorpusShard> shards;
  private final long failAtCall;
  private final int failShard;
  private long calls;

  /**
   * Distributes the pairs and caches them on the executors.
   *
   * @param spark the context
   * @param workers the number of shards, each batch split into as many equal shares
   * @param config the run's config (architecture, batch size, seed, regularisation)
   * @param params the driver's model parameters: read for the broadcast, their gradients written
   * @param sourceVocabulary source vocabulary size
   * @param targetVocabulary target vocabulary size
   * @param pairs the encoded training pairs in corpus order
   * @param batches the run's (global) batch settings
   * @throws IllegalArgumentException when the batch size is not a multiple of {@code workers}
   */
  public SparkGradients(JavaSparkContext spark, int workers, ExperimentConfig config,
      Parameters params, int sourceVocabulary, int targetVocabulary, List<EncodedPair> pairs,
      BatchConfig batches) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.params = Objects.requireNonNull(params, "params");
    this.workers = workers;
    this.shares = ShardBatchConfig.split(batches, workers);
    this.configYaml = ConfigYaml.toYaml(config);
    this.sourceVocabulary = sourceVocabulary;
    this.targetVocabulary = targetVocabulary;
    String local = spark.getLocalProperty(FAIL_ONCE_KEY);
    String fail = local != null ? local : spark.getConf().get(FAIL_ONCE_KEY, "");
    if (fail.isEmpty()) {
      failAtCall = -1;
      failShard = -1;
    } else {
      String[] parts = fail.split(":");
      failAtCall = Long.parseLong(parts[0]);
      failShard = Integer.parseInt(parts[1]);
    }
    this.shards = spark.parallelize(CorpusShard.deal(pairs, workers), workers)
        .setName("nmt4j corpus shards").persist(StorageLevel.MEMORY_ONLY());
  }

  /** The number of workers (shards, tasks per step). */
  public int workers() {
    return workers;
  }

  @Override
  public long countBatches() {
    return max(counts(0));
  }

  /** The batches of each shard in epoch {@code epoch} (one small job). */
  private long[] counts(int epoch) {
    ShardBatchConfig s = shares;
    List<Long> list = shards.map(shard -> new ShardBatches(shard, s).count(epoch)).collect();
    return list.stream().mapToLong(Long::longValue).toArray();
  }

  private static long max(long[] counts) {
    long m = 0;
    for (long c : counts) {
      m = Math.max(m, c);
    }
    return m;
  }

  @Override
  public EpochGradients resume(BatchPosition position) {
    long batches = max(counts(position.epoch()));
    return new EpochGradients() {
      private long done = position.batchesDone();

      @Override
      public boolean hasNext() {
        return done < batches;
      }

      @Override
      public LossStats next(long dropoutSeed) {
        LossStats stats = step(position.epoch(), done, dropoutSeed);
        done++;
        return stats;
      }

      @Override
      public BatchPosition position() {
        return new BatchPosition(position.epoch(), done);
      }

      @Override
      public void close() {}
    };
  }

  /** One synchronous step: broadcast, compute the shares, sum, write the mean gradient. */
  private LossStats step(int epoch, long batchesDone, long dropoutSeed) {
    calls++;
    float[] weights = FloatVectors.copyOut(params.flatValues());
    Broadcast<Weights> broadcast = spark.broadcast(new Weights(weights));
    try {
      ShardStep task = new ShardStep(runId, configYaml, sourceVocabulary, targetVocabulary,
          shares, epoch, batchesDone, dropoutSeed, broadcast,
          calls == failAtCall ? failShard : -1);
      GradientSum sum = shards.treeAggregate(new GradientSum(),
          (acc, shard) -> acc.add(task.compute(shard)), GradientSum::add, 2);
      if (sum.gradient() == null || sum.tokens() == 0) {
        throw new IllegalStateException("step at epoch " + epoch + ", batch " + batchesDone
            + " has no target tokens on any of the " + workers + " workers");
      }
      FloatVectors.copyIn(params.flatGradients(), sum.gradient());
      params.flatGradients().divi(sum.tokens());
      return new LossStats(sum.lossSum(), sum.tokens(), sum.objectiveSum());
    } finally {
      broadcast.destroy();
    }
  }

  /** Drops the cached shards and, in local mode, the executor-side state of this run. */
  public void release() {
    shards.unpersist(false);
    WorkerState.forget(runId);
  }
}
