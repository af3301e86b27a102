package org.nmt4j.decoder.search;

/**
 * Rules against repeated output, applied by every single-path strategy (greedy and sampled) to
 * each row's logits before the token is chosen. They change only which token is chosen: a
 * hypothesis's log-probability stays the model's.
 *
 * @param noRepeatNgram n: a token that would complete an n-gram already present in the row's
 *     output gets logit minus infinity (as fairseq's and Hugging Face's {@code
 *     no_repeat_ngram_size}); 0 disables. The end token never completes one (it is never in the
 *     output).
 * @param repetitionPenalty the logit of every token already in the row's output is divided by
 *     this when positive and multiplied by it otherwise (Keskar et al. 2019, as Hugging Face's
 *     {@code repetition_penalty}; once per token, however often it occurred); 1 disables, > 1
 *     discourages repeats, values in (0, 1) encourage them
 */
public record RepetitionRules(int noRepeatNgram, double repetitionPenalty) {
  /** No rule: decoding as if this record did not exist. */
  public static final RepetitionRules NONE = new RepetitionRules(0, 1.0);

  /** Validates each field, naming the option at fault. */
  public RepetitionRules {
    if (noRepeatNgram < 0) {
      throw new IllegalArgumentException(
          "--no-repeat-ngram must be >= 0 (0 = off), got " + noRepeatNgram);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException("--repetition-penalty must be > 0 and finite (1 = off), got "
          + repetitionPenalty);
    }
  }

  /** @return whether the n-gram block is on */
  public boolean blocksNgrams() {
    return noRepeatNgram > 0;
  }

  /** @return whether the repetition penalty is on */
  public boolean penalizes() {
    return repetitionPenalty != 1.0;
  }
}
