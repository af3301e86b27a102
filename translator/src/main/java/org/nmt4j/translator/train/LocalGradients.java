package org.nmt4j.translator.train;

import java.util.Objects;
import org.nmt4j.corpora.batch.BatchConfig;
import org.nmt4j.corpora.batch.BatchIterator;
import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.corpora.batch.Batcher;
import org.nmt4j.corpora.batch.PairSource;
import org.nmt4j.translator.model.LossStats;

/**
 * Gradients computed in this JVM: the {@link Batcher}'s length-bucketed batches of the training
 * pairs, each through {@link TrainableModel#forwardBackward}. What the {@link Trainer} uses unless
 * given another {@link GradientSource}.
 */
public final class LocalGradients implements GradientSource {
  private final TrainableModel model;
  private final PairSource pairs;
  private final Batcher batcher;

  /**
   * @param model the model whose gradients are computed
   * @param pairs the training pairs, read once per epoch
   * @param batches how the pairs are cut into batches
   */
  public LocalGradients(TrainableModel model, PairSource pairs, BatchConfig batches) {
    this.model = Objects.requireNonNull(model, "model");
    this.pairs = Objects.requireNonNull(pairs, "pairs");
    this.batcher = new Batcher(batches);
  }

  @Override
  public long countBatches() {
    return batcher.countBatches(pairs, 0);
  }

  @Override
  public EpochGradients resume(BatchPosition position) {
    BatchIterator it = batcher.resume(pairs, position);
    return new EpochGradients() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public LossStats next(long dropoutSeed) {
        return model.forwardBackward(it.next(), dropoutSeed);
      }

      @Override
      public BatchPosition position() {
        return it.position();
      }

      @Override
      public void close() {
        it.close();
      }
    };
  }
}
