package org.nmt4j.translator;

import java.util.List;

/**
 * One translation of one input sentence.
 *
 * @param text the detokenized output
 * @param tokens the output tokens as the model emitted them (subwords, before detokenization)
 * @param logProbability natural-log probability of the output under the model, including the
 *     end of sentence when {@code complete}; 0 for an empty input; NaN where the options asked
 *     for no scores ({@link DecodingOptions#scores()})
 * @param complete whether the model ended the sentence itself (false: it was stopped at the
 *     maximum length)
 * @param sourceTokens source tokens the model read (after any cut)
 * @param warnings problems met along the way, such as a source cut to the maximum source
 *     length; empty normally
 */
public record Translation(
    String text,
    List<String> tokens,
    double logProbability,
    boolean complete,
    int sourceTokens,
    List<String> warnings) {

  /** Makes the lists unmodifiable copies. */
  public Translation {
    tokens = List.copyOf(tokens);
    warnings = List.copyOf(warnings);
  }

  /**
   * @param warnings warnings to carry
   * @return the translation of an empty input: empty text, no tokens, log-probability 0
   */
  public static Translation empty(List<String> warnings) {
    return new Translation("", List.of(), 0.0, true, 0, warnings);
  }

  /** @return how many predictions the log-probability sums: tokens, plus {@code </s>} if complete */
  public int predictions() {
    return tokens.size() + (complete ? 1 : 0);
  }

  /**
   * @return exp(-logProbability / predictions), 1 when nothing was predicted, NaN without scores
   */
  public double perplexity() {
    int n = predictions();
    return n == 0 ? 1.0 : Math.exp(-logProbability / n);
  }
}
