package org.nmt4j.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.corpora.batch.BatchConfig;
import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.bench.TrainBenchmark;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.model.ModelConfig;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.translator.train.AdamOptimizer;
import org.nmt4j.translator.train.DropoutSeeds;
import org.nmt4j.translator.train.GradientClipper;
import org.nmt4j.translator.train.GradientSource;

/**
 * {@code nmt4j bench train --spark MASTER}: the workload of {@link TrainBenchmark} (random pairs
 * of lengths uniform in [min, max], the same model, Adam and clipping, dropout on) trained
 * through {@link SparkGradients}, so that its figures compare with the one-JVM benchmark's.
 *
 * <p>Each step is the whole synchronous step: weights broadcast, one task per worker computing
 * the gradient of its share of the batch on its shard (the single-machine batcher with {@code
 * batch / workers} pairs), the shares summed by {@code treeAggregate}, clipping and Adam on the
 * driver. The pairs are dealt into shards once, before the timed steps.
 */
public final class SparkTrainBenchmark {
  private SparkTrainBenchmark() {}

  /**
   * Runs warm-up and timed steps on the workers of {@code training}.
   *
   * @param progress where to print one line per step, or null
   * @throws IllegalArgumentException when the batch size is not a multiple of the workers
   */
  public static TrainBenchmark.Result run(TrainBenchmark.Options o, SparkTraining training,
      PrintStream progress) {
    JavaSparkContext spark = training.context();
    int workers = training.workers();
    ModelConfig mc = TrainBenchmark.modelConfig(o);
    Seq2SeqModel model = Seq2SeqModel.initialise(mc, o.sourceVocabulary(), o.targetVocabulary(),
        DataType.FLOAT, o.seed());
    ExperimentConfig config = ConfigYaml.override(ExperimentConfig.defaults().withModel(mc),
        List.of(ConfigOverride.of("training.seed", o.seed()),
            ConfigOverride.of("training.batch-size", o.batchSize())));
    Parameters params = model.parameters();
    SparkGradients gradients = new SparkGradients(spark, workers, config, params,
        o.sourceVocabulary(), o.targetVocabulary(), pairs(o),
        BatchConfig.sentences(o.batchSize(), o.seed()));
    GradientClipper clipper = new GradientClipper(o.clip());
    AdamOptimizer adam = new AdamOptimizer(params, o.learningRate(), 0.9, 0.999, 1e-8);
    TrainBenchmark.StepTally tally = new TrainBenchmark.StepTally(o, progress);
    try (GradientSource.EpochGradients steps = gradients.resume(BatchPosition.start(0))) {
      for (int i = 0; i < o.warmup() + o.steps(); i++) {
        if (!steps.hasNext()) {
          throw new IllegalStateException("the synthetic epoch ran out of batches at step " + i);
        }
        tally.beforeStep(i);
        long t0 = System.nanoTime();
        LossStats stats = steps.next(DropoutSeeds.forStep(o.seed(), i + 1));
        clipper.clip(params);
        adam.step(i);
        tally.afterStep(i, stats, t0, System.nanoTime());
      }
    } finally {
      gradients.release();
    }
    return tally.result(params.count());
  }

  /** (warmup + steps) x batch random pairs, both sides' lengths uniform in [min, max]. */
  private static List<EncodedPair> pairs(TrainBenchmark.Options o) {
    SplittableRandom random = new SplittableRandom(o.seed());
    int count = (o.warmup() + o.steps()) * o.batchSize();
    List<EncodedPair> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      pairs.add(new EncodedPair(TrainBenchmark.sentence(random, o.sourceVocabulary(), o),
          TrainBenchmark.sentence(random, o.targetVocabulary(), o), i));
    }
    return pairs;
  }
}
