package org.nmt4j.corpora.filter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/**
 * Drops a pair whose source and target strings both equal those of an earlier pair (rule {@code
 * duplicate}); the first occurrence is kept.
 *
 * <p>To stay small on large corpora it remembers a 128-bit SHA-256 prefix of each pair instead
 * of the strings (about 50 bytes a pair); the chance that two different pairs share one is
 * negligible (below 1e-20 for a billion pairs). Not thread-safe.
 */
public final class DuplicateFilter implements PairFilter {

  /** The rule name. */
  public static final String RULE = "duplicate";

  private record Key(long high, long low) {}

  private final Set<Key> seen = new HashSet<>();
  private final MessageDigest sha;

  /** A filter that has seen no pair yet. */
  public DuplicateFilter() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    byte[] s = pair.source().getBytes(StandardCharsets.UTF_8);
    byte[] t = pair.target().getBytes(StandardCharsets.UTF_8);
    sha.reset();
    // the length prefix keeps ("ab","c") and ("a","bc") apart
    sha.update(ByteBuffer.allocate(4).putInt(s.length).array());
    sha.update(s);
    sha.update(t);
    ByteBuffer d = ByteBuffer.wrap(sha.digest());
    return !seen.add(new Key(d.getLong(), d.getLong()));
  }
}
