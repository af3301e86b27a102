package org.nmt4j.corpora.filter;

import java.util.List;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/** Drops a pair whose source or target is blank or has no tokens (rule {@code empty-side}). */
public final class EmptySideFilter implements PairFilter {

  /** The rule name. */
  public static final String RULE = "empty-side";

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    return pair.source().isBlank()
        || pair.target().isBlank()
        || sourceTokens.isEmpty()
        || targetTokens.isEmpty();
  }
}
