package org.nmt4j.translator.model;

/**
 * Training-only regularisers of a forward and backward pass, besides the architecture's own
 * dropout. Neither changes the model's parameters, their shapes or inference.
 *
 * @param labelSmoothing eps in [0, 1): train against (1 - eps) onehot(y) + eps / V instead of
 *     onehot(y) (Szegedy et al. 2016); the reported loss stays the negative log-likelihood
 * @param embeddingDropout probability in [0, 1) of zeroing each value of the source and target
 *     embeddings before the first LSTM layers (inverted dropout)
 */
public record Regularisation(double labelSmoothing, double embeddingDropout) {
  /** No label smoothing, no embedding dropout. */
  public static final Regularisation NONE = new Regularisation(0, 0);

  /** Validates both values, naming the option at fault. */
  public Regularisation {
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(
          "training.label-smoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (!(embeddingDropout >= 0 && embeddingDropout < 1)) {
      throw new IllegalArgumentException(
          "training.embedding-dropout must be in [0, 1), got " + embeddingDropout);
    }
  }
}
