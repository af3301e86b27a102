package org.nmt4j.decoder.search;

/**
 * One decoded output of one row.
 *
 * @param tokens the emitted token ids, without the end token
 * @param logProbability natural-log probability of the output under the model (temperature 1,
 *     no truncation): the sum over steps of log p(token | prefix), including the end token when
 *     the row stopped on it; so it equals what forced decoding of the same output scores. NaN
 *     where the request asked for no scores ({@link SearchRequest#scores()})
 * @param stop why the row stopped
 */
public record Hypothesis(int[] tokens, double logProbability, Stop stop) {
  /** Why a row stopped. */
  public enum Stop {
    /** It emitted the end token. */
    END_TOKEN,
    /** It reached its maximum length without emitting the end token. */
    MAX_LENGTH
  }

  /** @return the number of emitted tokens (without the end token) */
  public int length() {
    return tokens.length;
  }

  /** @return how many model predictions the log-probability sums (tokens, plus the end token) */
  public int predictions() {
    return tokens.length + (stop == Stop.END_TOKEN ? 1 : 0);
  }
}
