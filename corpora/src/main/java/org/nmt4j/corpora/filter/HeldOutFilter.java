package org.nmt4j.corpora.filter;

import java.util.List;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/**
 * Drops a training pair whose source or target sentence is, up to near-duplicate equality
 * ({@link PairHash#nearKey}), a source or target sentence of a validation or test set (rule
 * {@code in-held-out}), so that nothing held out leaks into training. Remembers one 64-bit
 * fingerprint per held-out sentence; see {@link PairHash} for the tiny chance of a false match.
 */
public final class HeldOutFilter implements PairFilter {

  /** The rule name. */
  public static final String RULE = "in-held-out";

  private final LongHashSet sources = new LongHashSet();
  private final LongHashSet targets = new LongHashSet();

  /** Adds a held-out pair. */
  public void add(SentencePair pair) {
    String s = PairHash.nearKey(pair.source());
    String t = PairHash.nearKey(pair.target());
    if (!s.isEmpty()) {
      sources.add(PairHash.of(s));
    }
    if (!t.isEmpty()) {
      targets.add(PairHash.of(t));
    }
  }

  /** The number of distinct held-out source sentences. */
  public int sourceSentences() {
    return sources.size();
  }

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    String s = PairHash.nearKey(pair.source());
    String t = PairHash.nearKey(pair.target());
    return (!s.isEmpty() && sources.contains(PairHash.of(s)))
        || (!t.isEmpty() && targets.contains(PairHash.of(t)));
  }
}
