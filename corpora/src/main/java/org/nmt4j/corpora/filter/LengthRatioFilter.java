package org.nmt4j.corpora.filter;

import java.util.List;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/**
 * Drops a pair whose sides differ too much in length, a sign of misalignment (rule {@code
 * length-ratio}): the longer side's token count divided by the shorter side's (at least 1) must
 * not exceed the limit.
 */
public final class LengthRatioFilter implements PairFilter {

  /** The rule name. */
  public static final String RULE = "length-ratio";

  private final double maxRatio;

  /**
   * @param maxRatio the largest ratio kept, at least 1
   */
  public LengthRatioFilter(double maxRatio) {
    if (!(maxRatio >= 1) || Double.isInfinite(maxRatio)) {
      throw new IllegalArgumentException("length ratio limit must be a number >= 1, got " + maxRatio);
    }
    this.maxRatio = maxRatio;
  }

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    int s = sourceTokens.size();
    int t = targetTokens.size();
    double ratio = (double) Math.max(s, t) / Math.max(1, Math.min(s, t));
    return ratio > maxRatio;
  }
}
