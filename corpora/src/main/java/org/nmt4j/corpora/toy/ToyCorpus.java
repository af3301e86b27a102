package org.nmt4j.corpora.toy;

import java.util.List;
import org.nmt4j.corpora.SentencePair;

/**
 * A generated corpus in memory. Pairs are named as in the files the generator writes ({@code
 * train.src} line 1, ...). No example occurs in two parts.
 *
 * @param train training pairs
 * @param valid validation pairs
 * @param test test pairs
 */
public record ToyCorpus(List<SentencePair> train, List<SentencePair> valid, List<SentencePair> test) {

  /** Makes the lists unmodifiable. */
  public ToyCorpus {
    train = List.copyOf(train);
    valid = List.copyOf(valid);
    test = List.copyOf(test);
  }
}
