package org.nmt4j.corpora;

import java.util.List;

/**
 * A pair after the filters, with its tokens so that they need not be computed again.
 *
 * @param pair the pair as read
 * @param sourceTokens the source tokens (from the chain's source tokenizer)
 * @param targetTokens the target tokens
 * @param droppedBy the rule that dropped the pair, or null if it was kept
 */
public record FilteredPair(
    SentencePair pair, List<String> sourceTokens, List<String> targetTokens, String droppedBy) {

  /** Whether the pair passed every filter. */
  public boolean kept() {
    return droppedBy == null;
  }
}
