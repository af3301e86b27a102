package org.nmt4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.translator.train.TrainableModel;

/**
 * What an executor keeps between the steps of one shard: a model of the run's architecture
 * (its weights are replaced by the broadcast ones every step) and the shard's open batch
 * iterator. Nothing in it decides a result: a task that finds no state (a new or restarted
 * executor) builds it and computes the same gradient.
 */
final class WorkerState {
  /** Per (run, shard); states of other runs are dropped when a new run starts. */
  private static final Map<String, WorkerState> STATES = new ConcurrentHashMap<>();

  final Seq2SeqModel model;
  final TrainableModel trainable;
  final ShardBatches batches;

  private WorkerState(ShardStep step, CorpusShard shard) {
    ExperimentConfig config = ConfigYaml.parse(step.configYaml(), "the run's config");
    this.model = Seq2SeqModel.initialise(config.model(), step.sourceVocabulary(),
        step.targetVocabulary(), DataType.FLOAT, config.training().seed());
    this.trainable = TrainableModel.of(model, config.training().regularisation());
    this.batches = new ShardBatches(shard, step.batches());
  }

  /** The state of {@code shard} in the step's run, built on first use. */
  static WorkerState of(ShardStep step, CorpusShard shard) {
    String key = step.runId() + "/" + shard.shard();
    WorkerState state = STATES.get(key);
    if (state != null) {
      return state;
    }
    synchronized (STATES) {
      state = STATES.get(key);
      if (state == null) {
        String prefix = step.runId() + "/";
        STATES.entrySet().removeIf(e -> {
          boolean stale = !e.getKey().startsWith(prefix);
          if (stale) {
            e.getValue().batches.close();
          }
          return stale;
        });
        state = new WorkerState(step, shard);
        STATES.put(key, state);
      }
      return state;
    }
  }

  /** Drops every state of {@code runId} in this JVM (the driver's, in local mode). */
  static void forget(String runId) {
    synchronized (STATES) {
      STATES.entrySet().removeIf(e -> e.getKey().startsWith(runId + "/"));
    }
  }
}
