package org.nmt4j.translator.config;

import org.nmt4j.corpora.FilterConfig;

/**
 * The filters {@code train} applies to the training pairs besides {@code data.max-length} and
 * the empty-side rule (the {@code data.filters} section; every rule off by default, so that a
 * config without the section trains on what it did before). The rules and their order are those
 * of {@link FilterConfig}; the run log prints what each one dropped.
 *
 * @param maxLengthRatio drop pairs whose longer side has more than this many times the tokens of
 *     the shorter one (0: off)
 * @param duplicates drop exact duplicate pairs (the first is kept)
 * @param nearDuplicates drop pairs equal to an earlier one after lowercasing and removing all
 *     but letters and digits
 * @param sourceEqualsTarget drop pairs whose target is the source untranslated
 * @param sourceScript Unicode script of most source letters (e.g. Latin), or null for any
 * @param targetScript the same for the target side
 */
public record FiltersConfig(double maxLengthRatio, boolean duplicates, boolean nearDuplicates,
    boolean sourceEqualsTarget, String sourceScript, String targetScript) {

  /** Validates through {@link FilterConfig}, naming the keys. */
  public FiltersConfig {
    try {
      toFilterConfig(0, maxLengthRatio, duplicates, nearDuplicates, sourceEqualsTarget,
          sourceScript, targetScript);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data.filters." + e.getMessage()
          .replace("--max-length-ratio", "max-length-ratio")
          .replace("--src-script", "source-script").replace("--tgt-script", "target-script")
          .replaceFirst("^data\\.filters\\.", ""), e);
    }
  }

  /** Every rule off. */
  public static FiltersConfig none() {
    return new FiltersConfig(0, false, false, false, null, null);
  }

  /**
   * The whole chain's configuration.
   *
   * @param maxLength the token limit per side ({@code data.max-length}; 0: none)
   */
  public FilterConfig toFilterConfig(int maxLength) {
    return toFilterConfig(maxLength, maxLengthRatio, duplicates, nearDuplicates,
        sourceEqualsTarget, sourceScript, targetScript);
  }

  private static FilterConfig toFilterConfig(int maxLength, double ratio, boolean dup,
      boolean near, boolean same, String ss, String ts) {
    return new FilterConfig(true, maxLength, maxLength, ratio, dup, near, same, ss, ts);
  }
}
