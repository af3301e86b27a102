package org.nmt4j.translator.train;

import java.util.List;
import java.util.Objects;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.corpora.batch.PairSource;

/**
 * The encoded pairs a run trains and validates on.
 *
 * @param train the training pairs, read once per epoch
 * @param trainPairs how many training pairs there are (for reports)
 * @param valid the validation pairs, or null for none
 * @param validPairs how many validation pairs there are (0 for none)
 */
public record TrainingData(PairSource train, long trainPairs, PairSource valid, long validPairs) {
  /** Checks that training data is present. */
  public TrainingData {
    Objects.requireNonNull(train, "train");
    if (trainPairs < 1) {
      throw new IllegalArgumentException("no training pairs (all were filtered out or the corpus is empty)");
    }
  }

  /** Pairs held in memory; {@code valid} may be null or empty for no validation. */
  public static TrainingData inMemory(List<EncodedPair> train, List<EncodedPair> valid) {
    boolean hasValid = valid != null && !valid.isEmpty();
    return new TrainingData(PairSource.of(train), train.size(),
        hasValid ? PairSource.of(valid) : null, hasValid ? valid.size() : 0);
  }

  /** Whether there is validation data. */
  public boolean hasValidation() {
    return valid != null;
  }
}
