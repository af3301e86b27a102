package org.nmt4j.translator.data;

import java.util.Objects;
import org.nmt4j.corpora.CorpusSpec;

/**
 * A training corpus and its sampling weight.
 *
 * @param spec where and how to read it
 * @param weight its share of each batch relative to the others (> 0; see {@code
 *     WeightedPairSource})
 */
public record TrainCorpus(CorpusSpec spec, double weight) {
  /** Checks the weight. */
  public TrainCorpus {
    Objects.requireNonNull(spec, "spec");
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("corpus weight must be > 0, got " + weight);
    }
  }
}
