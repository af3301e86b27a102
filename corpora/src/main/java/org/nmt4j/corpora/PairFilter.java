package org.nmt4j.corpora;

import java.util.List;

/**
 * One rule that may drop a sentence pair, such as "too many tokens". Rules are combined and
 * counted by {@link FilterChain}; the implementations are in {@code org.nmt4j.corpora.filter}.
 */
public interface PairFilter {

  /** The rule's name as reported, e.g. {@code too-many-tokens}. */
  String rule();

  /**
   * Decides about one pair. A filter may keep state (duplicate detection), so it is called once
   * per pair, in corpus order.
   *
   * @param pair the pair as read
   * @param sourceTokens the source sentence tokenized by the chain's source tokenizer
   * @param targetTokens the target sentence tokenized by the chain's target tokenizer
   * @return true to drop the pair
   */
  boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens);
}
