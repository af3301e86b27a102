package org.nmt4j.translator.train;

import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.model.Regularisation;
import org.nmt4j.translator.model.Seq2SeqModel;

/**
 * What the {@link Trainer} needs of a model: its parameters, a teacher-forced forward and
 * backward pass, and a forward-only loss. {@link #of(Seq2SeqModel)} adapts the seq2seq model.
 */
public interface TrainableModel {
  /** All trainable tensors in one flat value and one flat gradient buffer. */
  Parameters parameters();

  /**
   * Forward and backward pass with dropout drawn from {@code dropoutSeed}; overwrites every
   * gradient with that of the mean masked (possibly label-smoothed) cross-entropy.
   */
  LossStats forwardBackward(Batch batch, long dropoutSeed);

  /** Forward pass only, without dropout; gradients untouched. */
  LossStats loss(Batch batch);

  /**
   * The number of output classes V, whose uniform guess has the cross-entropy ln V; the
   * trainer's divergence rule is relative to it.
   *
   * @return V, or 0 when unknown (then only non-finite losses count as divergence)
   */
  default int outputClasses() {
    return 0;
  }

  /** The seq2seq model as a trainable model, without label smoothing or embedding dropout. */
  static TrainableModel of(Seq2SeqModel model) {
    return of(model, Regularisation.NONE);
  }

  /** The seq2seq model as a trainable model whose every step applies {@code regularisation}. */
  static TrainableModel of(Seq2SeqModel model, Regularisation regularisation) {
    return new TrainableModel() {
      @Override
      public Parameters parameters() {
        return model.parameters();
      }

      @Override
      public LossStats forwardBackward(Batch batch, long dropoutSeed) {
        return model.forwardBackward(batch, dropoutSeed, regularisation);
      }

      @Override
      public LossStats loss(Batch batch) {
        return model.loss(batch);
      }

      @Override
      public int outputClasses() {
        return model.targetVocabularySize();
      }
    };
  }
}
