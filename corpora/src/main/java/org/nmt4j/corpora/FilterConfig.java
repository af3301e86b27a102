package org.nmt4j.corpora;

/**
 * Which filters to apply to a corpus; 0 switches a numeric rule off.
 *
 * <p>Rules apply in this order and a pair is counted under the first one that drops it: {@code
 * empty-side}, {@code too-many-tokens}, {@code length-ratio}, {@code duplicate}.
 *
 * @param dropEmpty drop pairs with a blank side or a side with no tokens (rule {@code empty-side})
 * @param maxSourceTokens drop pairs with more source tokens than this, 0 for no limit (rule {@code
 *     too-many-tokens})
 * @param maxTargetTokens the same for the target side
 * @param maxLengthRatio drop pairs whose longer side has more than this many times the tokens of
 *     the shorter side (a side with no tokens counts as 1), 0 for no limit; else at least 1 (rule
 *     {@code length-ratio}; 9 is the classic Moses value)
 * @param dropDuplicates drop a pair whose source and target both equal an earlier pair's (rule
 *     {@code duplicate})
 */
public record FilterConfig(
    boolean dropEmpty,
    int maxSourceTokens,
    int maxTargetTokens,
    double maxLengthRatio,
    boolean dropDuplicates) {

  /** Validates the limits; messages name the command-line options. */
  public FilterConfig {
    if (maxSourceTokens < 0) {
      throw new IllegalArgumentException("--max-src-tokens must be >= 0 (0 = no limit), got "
          + maxSourceTokens);
    }
    if (maxTargetTokens < 0) {
      throw new IllegalArgumentException("--max-tgt-tokens must be >= 0 (0 = no limit), got "
          + maxTargetTokens);
    }
    if (Double.isNaN(maxLengthRatio)
        || (maxLengthRatio != 0 && maxLengthRatio < 1)
        || Double.isInfinite(maxLengthRatio)) {
      throw new IllegalArgumentException(
          "--max-length-ratio must be 0 (no limit) or a number >= 1, got " + maxLengthRatio);
    }
  }

  /** Only the {@code empty-side} rule: nothing a user would want to keep is dropped. */
  public static FilterConfig defaults() {
    return new FilterConfig(true, 0, 0, 0, false);
  }

  /** No rule at all: every pair is kept. */
  public static FilterConfig none() {
    return new FilterConfig(false, 0, 0, 0, false);
  }

  /** A copy with the empty-side rule on or off. */
  public FilterConfig withDropEmpty(boolean on) {
    return new FilterConfig(on, maxSourceTokens, maxTargetTokens, maxLengthRatio, dropDuplicates);
  }

  /** A copy with token limits per side (0 = no limit). */
  public FilterConfig withMaxTokens(int source, int target) {
    return new FilterConfig(dropEmpty, source, target, maxLengthRatio, dropDuplicates);
  }

  /** A copy with a length-ratio limit (0 = no limit). */
  public FilterConfig withMaxLengthRatio(double ratio) {
    return new FilterConfig(dropEmpty, maxSourceTokens, maxTargetTokens, ratio, dropDuplicates);
  }

  /** A copy with duplicate removal on or off. */
  public FilterConfig withDropDuplicates(boolean on) {
    return new FilterConfig(dropEmpty, maxSourceTokens, maxTargetTokens, maxLengthRatio, on);
  }
}
