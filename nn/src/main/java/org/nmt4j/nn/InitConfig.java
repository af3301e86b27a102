package org.nmt4j.nn;

import java.util.List;

/**
 * How weights start.
 *
 * @param scheme "uniform" (every weight uniform in [-scale, scale]) or "xavier" (Glorot uniform)
 * @param scale bound of the uniform scheme
 * @param identityRecurrent start each LSTM's recurrent weights for the cell candidate at the
 *     identity (the IRNN remedy for vanishing gradients, Le et al. 2015)
 * @param forgetGateBias start forget-gate biases at 1.0 so early gradients flow through time
 */
public record InitConfig(String scheme, double scale, boolean identityRecurrent, boolean forgetGateBias) {
  /** The schemes {@link #scheme()} accepts. */
  public static final List<String> SCHEMES = List.of("uniform", "xavier");

  /** Validates every field, naming the option at fault. */
  public InitConfig {
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("init.scheme must be one of " + SCHEMES + ", got '" + scheme + "'");
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("init.scale must be > 0, got " + scale);
    }
  }

  /** Uniform +-0.1 with forget-gate bias 1.0, the usual seq2seq default. */
  public static InitConfig defaults() {
    return new InitConfig("uniform", 0.1, false, true);
  }
}
