package org.nmt4j.corpora.filter;

import java.util.List;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/**
 * Drops a pair whose source and target strings both equal those of an earlier pair (rule {@code
 * duplicate}), or, as {@link #near()}, whose near-duplicate keys ({@link PairHash#nearKey}: lowercased,
 * letters and digits only) both equal an earlier pair's (rule {@code near-duplicate}). The first
 * occurrence is kept.
 *
 * <p>Memory stays bounded by about 16 bytes a kept pair: only a 64-bit fingerprint of each pair
 * is remembered ({@link PairHash}, in a {@link LongHashSet}), so 10 million pairs take at most
 * 160 MB. The price is a tiny chance of dropping a pair that is no duplicate: about 3e-6 for the
 * whole of a 10-million-pair corpus. Not thread-safe.
 */
public final class DuplicateFilter implements PairFilter {

  /** The rule name of exact duplicates. */
  public static final String RULE = "duplicate";
  /** The rule name of near-duplicates. */
  public static final String NEAR_RULE = "near-duplicate";

  private final LongHashSet seen = new LongHashSet();
  private final boolean near;

  /** A filter of exact duplicates that has seen no pair yet. */
  public DuplicateFilter() {
    this(false);
  }

  private DuplicateFilter(boolean near) {
    this.near = near;
  }

  /** A filter of near-duplicates (equal after lowercasing and removing all but letters and digits). */
  public static DuplicateFilter near() {
    return new DuplicateFilter(true);
  }

  @Override
  public String rule() {
    return near ? NEAR_RULE : RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    long h = near
        ? PairHash.of(PairHash.nearKey(pair.source()), PairHash.nearKey(pair.target()))
        : PairHash.of(pair.source(), pair.target());
    return !seen.add(h);
  }
}
