package org.nmt4j.translator.config;

/**
 * Learning-rate decay on plateau: when the validation metric has not improved for {@code
 * patience} validations in a row, the learning rate is multiplied by {@code factor}, never
 * going below {@code minimum}.
 *
 * @param factor multiplier in (0, 1]; 1 disables decay
 * @param patience validations without improvement before a decay, >= 1
 * @param minimum floor of the learning rate, >= 0
 */
public record LrDecayConfig(double factor, int patience, double minimum) {
  /** Validates every field, naming the option at fault. */
  public LrDecayConfig {
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("training.lr-decay.factor must be in (0, 1], got " + factor);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("training.lr-decay.patience must be >= 1, got " + patience);
    }
    if (!(minimum >= 0) || Double.isInfinite(minimum)) {
      throw new IllegalArgumentException("training.lr-decay.minimum must be >= 0, got " + minimum);
    }
  }

  /** Halve after 2 validations without improvement, down to 1e-5. */
  public static LrDecayConfig defaults() {
    return new LrDecayConfig(0.5, 2, 1e-5);
  }

  /** Whether decay can ever change the learning rate. */
  public boolean enabled() {
    return factor < 1;
  }
}
