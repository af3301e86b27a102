package org.nmt4j.corpora;

import org.nmt4j.corpora.filter.ScriptFilter;

/**
 * Which filters to apply to a corpus; 0 switches a numeric rule off.
 *
 * <p>Rules apply in this order and a pair is counted under the first one that drops it: {@code
 * empty-side}, {@code too-many-tokens}, {@code length-ratio}, {@code source-equals-target},
 * {@code wrong-script}, {@code duplicate}, {@code near-duplicate}. The duplicate rules come last
 * so that a pair dropped for another reason does not hide a later copy of it.
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
 * @param dropNearDuplicates drop a pair whose sides both equal an earlier pair's after
 *     lowercasing and removing everything but letters and digits (rule {@code near-duplicate})
 * @param dropSourceEqualsTarget drop a pair whose target is its source untranslated, compared as
 *     near-duplicates (rule {@code source-equals-target})
 * @param sourceScript Unicode script most source letters must be in (e.g. {@code Latin}), or null
 *     for any (rule {@code wrong-script})
 * @param targetScript the same for the target side
 */
public record FilterConfig(
    boolean dropEmpty,
    int maxSourceTokens,
    int maxTargetTokens,
    double maxLengthRatio,
    boolean dropDuplicates,
    boolean dropNearDuplicates,
    boolean dropSourceEqualsTarget,
    String sourceScript,
    String targetScript) {

  /** Validates the limits; messages name the command-line options. */
  public FilterConfig {
    if (maxSourceTokens < 0) {
      throw new IllegalArgumentException("--max-src-length must be >= 0 (0 = no limit), got "
          + maxSourceTokens);
    }
    if (maxTargetTokens < 0) {
      throw new IllegalArgumentException("--max-tgt-length must be >= 0 (0 = no limit), got "
          + maxTargetTokens);
    }
    if (Double.isNaN(maxLengthRatio)
        || (maxLengthRatio != 0 && maxLengthRatio < 1)
        || Double.isInfinite(maxLengthRatio)) {
      throw new IllegalArgumentException(
          "--max-length-ratio must be 0 (no limit) or a number >= 1, got " + maxLengthRatio);
    }
    if (sourceScript != null) {
      ScriptFilter.script("--src-script", sourceScript);
    }
    if (targetScript != null) {
      ScriptFilter.script("--tgt-script", targetScript);
    }
  }

  /** The first five rules only (no near-duplicates, source-equals-target or script check). */
  public FilterConfig(boolean dropEmpty, int maxSourceTokens, int maxTargetTokens,
      double maxLengthRatio, boolean dropDuplicates) {
    this(dropEmpty, maxSourceTokens, maxTargetTokens, maxLengthRatio, dropDuplicates, false, false,
        null, null);
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
    return new FilterConfig(on, maxSourceTokens, maxTargetTokens, maxLengthRatio, dropDuplicates,
        dropNearDuplicates, dropSourceEqualsTarget, sourceScript, targetScript);
  }

  /** A copy with token limits per side (0 = no limit). */
  public FilterConfig withMaxTokens(int source, int target) {
    return new FilterConfig(dropEmpty, source, target, maxLengthRatio, dropDuplicates,
        dropNearDuplicates, dropSourceEqualsTarget, sourceScript, targetScript);
  }

  /** A copy with a length-ratio limit (0 = no limit). */
  public FilterConfig withMaxLengthRatio(double ratio) {
    return new FilterConfig(dropEmpty, maxSourceTokens, maxTargetTokens, ratio, dropDuplicates,
        dropNearDuplicates, dropSourceEqualsTarget, sourceScript, targetScript);
  }

  /** A copy with duplicate removal on or off. */
  public FilterConfig withDropDuplicates(boolean on) {
    return new FilterConfig(dropEmpty, maxSourceTokens, maxTargetTokens, maxLengthRatio, on,
        dropNearDuplicates, dropSourceEqualsTarget, sourceScript, targetScript);
  }

  /** A copy with near-duplicate removal on or off. */
  public FilterConfig withDropNearDuplicates(boolean on) {
    return new FilterConfig(dropEmpty, maxSourceTokens, maxTargetTokens, maxLengthRatio,
        dropDuplicates, on, dropSourceEqualsTarget, sourceScript, targetScript);
  }

  /** A copy with the source-equals-target rule on or off. */
  public FilterConfig withDropSourceEqualsTarget(boolean on) {
    return new FilterConfig(dropEmpty, maxSourceTokens, maxTargetTokens, maxLengthRatio,
        dropDuplicates, dropNearDuplicates, on, sourceScript, targetScript);
  }

  /** A copy with expected scripts per side (null for any). */
  public FilterConfig withScripts(String source, String target) {
    return new FilterConfig(dropEmpty, maxSourceTokens, maxTargetTokens, maxLengthRatio,
        dropDuplicates, dropNearDuplicates, dropSourceEqualsTarget, source, target);
  }
}
