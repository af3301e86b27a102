package org.nmt4j.translator.config;

/**
 * How validation BLEU decodes during training (greedy, as {@code nmt4j translate} with the same
 * options): the rules against repeated output and the minimum length. YAML: {@code
 * training.valid-decoding: {no-repeat-ngram: 0, repetition-penalty: 1.0, min-length-ratio: 0}}.
 *
 * @param noRepeatNgram never output a token that would repeat an n-gram of this size; 0 = off
 * @param repetitionPenalty divides the positive logits (multiplies the negative ones) of tokens
 *     already output; 1 = off, > 0
 * @param minLengthRatio no end of sentence before {@code ceil(ratio x source tokens)} tokens; 0 =
 *     off, >= 0
 */
public record ValidDecodingConfig(int noRepeatNgram, double repetitionPenalty,
    double minLengthRatio) {
  /** Validates every field, naming the key at fault. */
  public ValidDecodingConfig {
    if (noRepeatNgram < 0) {
      throw new IllegalArgumentException(
          "training.valid-decoding.no-repeat-ngram must be >= 0 (0 = off), got " + noRepeatNgram);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException("training.valid-decoding.repetition-penalty must be > 0"
          + " and finite (1 = off), got " + repetitionPenalty);
    }
    if (!(minLengthRatio >= 0) || Double.isInfinite(minLengthRatio)) {
      throw new IllegalArgumentException("training.valid-decoding.min-length-ratio must be >= 0"
          + " and finite (0 = off), got " + minLengthRatio);
    }
  }

  /** @return plain greedy decoding: every rule off */
  public static ValidDecodingConfig defaults() {
    return new ValidDecodingConfig(0, 1.0, 0.0);
  }
}
