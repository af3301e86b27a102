package org.nmt4j.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.Blas;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.train.DropoutSeeds;

/**
 * One step's task on one shard, as shipped to the executors: take the shard's batch at the
 * step's position, load the broadcast weights, compute the gradient with the single-machine
 * engine ({@code Seq2SeqModel.forwardBackward}) on one BLAS thread, and return it scaled to the
 * share's token count ({@link GradientSum}).
 *
 * @param runId identifies the run's executor-side state ({@link WorkerState})
 * @param configYaml the run's config (model architecture, regularisation, seed)
 * @param sourceVocabulary source vocabulary size
 * @param targetVocabulary target vocabulary size
 * @param batches each worker's share of the batch
 * @param epoch the step's epoch (0-based)
 * @param batchesDone batches of the epoch before this step: the step takes batch number {@code
 *     batchesDone} of every shard
 * @param dropoutSeed the step's dropout seed, mixed with the shard number per worker
 * @param weights [parameters] the current weights
 * @param failOnce test hook: fail the first attempt of this shard's task (-1 for none)
 */
record ShardStep(String runId, String configYaml, int sourceVocabulary, int targetVocabulary,
    ShardBatchConfig batches, int epoch, long batchesDone, long dropoutSeed,
    Broadcast<Weights> weights, int failOnce) implements Serializable {

  /** Failures made by the test hook in this JVM (local mode: the tests count them). */
  private static final java.util.concurrent.atomic.AtomicInteger INJECTED =
      new java.util.concurrent.atomic.AtomicInteger();

  /** How many failures the test hook made in this JVM. */
  static int injectedFailures() {
    return INJECTED.get();
  }

  /** Computes this shard's share of the step. */
  GradientSum compute(CorpusShard shard) {
    WorkerState state = WorkerState.of(this, shard);
    synchronized (state) {
      Batch batch = state.batches.batchAt(new BatchPosition(epoch, batchesDone));
      if (batch == null) {
        return new GradientSum();
      }
      Parameters params = state.model.parameters();
      float[] w = weights.value().values();
      if (w.length != params.count()) {
        throw new IllegalStateException("broadcast weights have " + w.length
            + " values, the worker's model " + params.count());
      }
      FloatVectors.copyIn(params.flatValues(), w);
      params.valuesChanged();
      LossStats stats;
      // each worker is one core's worth of work: local[2] runs two of them on two cores
      Blas.enterSingleThreaded();
      WorkerThreads.useOneOnThisThread();
      try {
        stats = state.trainable.forwardBackward(batch,
            DropoutSeeds.forStep(dropoutSeed, shard.shard() + 1L));
      } finally {
        Blas.exitSingleThreaded();
      }
      // the gradient of the share's summed objective: its mean's times its tokens
      float[] gradient = FloatVectors.copyOut(params.flatGradients());
      float tokens = stats.tokens();
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] *= tokens;
      }
      TaskContext task = TaskContext.get();
      if (failOnce == shard.shard() && task != null && task.attemptNumber() == 0) {
        // after the iterator moved on: the retry must find its batch again
        INJECTED.incrementAndGet();
        throw new IllegalStateException("injected failure of shard " + shard.shard()
            + " at epoch " + epoch + ", batch " + batchesDone + " (test hook "
            + SparkGradients.FAIL_ONCE_KEY + ")");
      }
      return new GradientSum(gradient, stats.lossSum(), stats.objectiveSum(), stats.tokens());
    }
  }
}
