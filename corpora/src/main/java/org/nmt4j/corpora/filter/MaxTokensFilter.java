package org.nmt4j.corpora.filter;

import java.util.List;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/**
 * Drops a pair with more tokens than allowed on either side (rule {@code too-many-tokens}).
 * Bounds the memory of a batch and the length of backpropagation through time.
 */
public final class MaxTokensFilter implements PairFilter {

  /** The rule name. */
  public static final String RULE = "too-many-tokens";

  private final int maxSource;
  private final int maxTarget;

  /**
   * @param maxSource most source tokens kept, 0 for no limit
   * @param maxTarget most target tokens kept, 0 for no limit
   */
  public MaxTokensFilter(int maxSource, int maxTarget) {
    if (maxSource < 0 || maxTarget < 0) {
      throw new IllegalArgumentException(
          "token limits must be >= 0 (0 = no limit), got " + maxSource + " and " + maxTarget);
    }
    this.maxSource = maxSource;
    this.maxTarget = maxTarget;
  }

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    return (maxSource > 0 && sourceTokens.size() > maxSource)
        || (maxTarget > 0 && targetTokens.size() > maxTarget);
  }
}
