package org.nmt4j.corpora.filter;

import java.util.List;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/**
 * Drops a pair whose target is its source left untranslated (rule {@code source-equals-target}):
 * both sides have the same near-duplicate key ({@link PairHash#nearKey}) and it is not empty, so
 * "Hello!" / "hello" is dropped but "42" / "42." as well; pairs of bare numbers or names are
 * rarely worth training on.
 */
public final class SourceEqualsTargetFilter implements PairFilter {

  /** The rule name. */
  public static final String RULE = "source-equals-target";

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    String s = PairHash.nearKey(pair.source());
    return !s.isEmpty() && s.equals(PairHash.nearKey(pair.target()));
  }
}
