package org.nmt4j.decoder.search;

/**
 * How {@link SampledDecoding} draws tokens: from the softmax of logits / temperature,
 * restricted first to the top-k tokens, then to the nucleus of top-p probability mass.
 *
 * @param temperature divides the logits before the softmax: below 1 sharpens, above 1 flattens;
 *     must be > 0 (near 0 it approaches greedy decoding)
 * @param topK keep only the k most probable tokens (ties: lower id first); 0 keeps all
 * @param topP keep the smallest set of most probable tokens whose probability (after top-k,
 *     renormalised) reaches p; in (0, 1], 1 keeps all
 * @param seed seeds every row's random stream together with the row's key, so results do not
 *     depend on batching or thread count
 */
public record SamplingConfig(double temperature, int topK, double topP, long seed) {
  /** Validates each field, naming the option at fault. */
  public SamplingConfig {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("--temperature must be > 0 and finite, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("--top-k must be >= 0 (0 = no limit), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("--top-p must be in (0, 1] (1 = no limit), got " + topP);
    }
  }

  /**
   * Plain sampling from the model's distribution.
   *
   * @param seed the seed
   * @return temperature 1, no top-k, no top-p
   */
  public static SamplingConfig plain(long seed) {
    return new SamplingConfig(1.0, 0, 1.0, seed);
  }
}
