package org.nmt4j.corpora.read;

import java.util.Locale;

/**
 * Decides whether a TMX {@code xml:lang} value is the language a user asked for.
 *
 * <p>Codes compare case-insensitively with {@code _} read as {@code -}. A request without a
 * region ({@code en}) matches the bare code and every regional variant ({@code en-US}, {@code
 * EN-gb}); a request with a region ({@code en-US}) matches only that variant.
 */
public final class LanguageMatcher {

  /** How well a tag matches: not at all, as a regional variant, or exactly. */
  public enum Match {
    NONE,
    VARIANT,
    EXACT
  }

  private final String requested;

  /**
   * @param requested the language code asked for, e.g. {@code en} or {@code pt-BR}
   */
  public LanguageMatcher(String requested) {
    this.requested = normalize(requested);
    if (this.requested.isEmpty()) {
      throw new IllegalArgumentException("language code must not be empty");
    }
  }

  /** The requested code as normalised (lower case, {@code -} as separator). */
  public String requested() {
    return requested;
  }

  /**
   * @param tag an {@code xml:lang} value
   * @return how it matches the requested language
   */
  public Match match(String tag) {
    if (tag == null) {
      return Match.NONE;
    }
    String t = normalize(tag);
    if (t.equals(requested)) {
      return Match.EXACT;
    }
    if (t.startsWith(requested) && t.charAt(requested.length()) == '-') {
      return Match.VARIANT;
    }
    return Match.NONE;
  }

  /** Lower case with {@code -} as the subtag separator, so that codes can be compared. */
  public static String normalize(String code) {
    return code.strip().replace('_', '-').toLowerCase(Locale.ROOT);
  }
}
