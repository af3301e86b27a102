package org.nmt4j.translator.model;

/**
 * Training-only regularisation of the objective, besides the model's own regularisers (dropout
 * between layers and on the embeddings, in the encoder and decoder configs). It changes neither
 * the model's parameters, their shapes nor inference.
 *
 * @param labelSmoothing eps in [0, 1): train against (1 - eps) onehot(y) + eps / V instead of
 *     onehot(y) (Szegedy et al. 2016); the reported loss stays the negative log-likelihood
 */
public record Regularisation(double labelSmoothing) {
  /** No label smoothing. */
  public static final Regularisation NONE = new Regularisation(0);

  /** Validates the value, naming the option at fault. */
  public Regularisation {
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(
          "training.label-smoothing must be in [0, 1), got " + labelSmoothing);
    }
  }
}
