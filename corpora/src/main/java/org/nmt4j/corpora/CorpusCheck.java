package org.nmt4j.corpora;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a whole corpus through a {@link FilterChain} and reports on it: the work of {@code nmt4j
 * corpus check}. Streams, so memory does not grow with the corpus (except for the duplicate
 * filter's memory).
 */
public final class CorpusCheck {

  private CorpusCheck() {}

  /**
   * Checks a corpus.
   *
   * @param spec what to read
   * @param filters a fresh chain (its counts become the report's)
   * @return the counts, drops and length histograms
   * @throws CorpusException at the first problem in the input (one line, {@code file:line})
   */
  public static CorpusReport run(CorpusSpec spec, FilterChain filters) {
    try (ParallelCorpusReader reader = spec.open()) {
      return run(reader, spec.describe(), filters);
    }
  }

  /**
   * Checks what a reader yields (the reader is read to its end but not closed).
   *
   * @param reader the pairs
   * @param description how the report names the corpus
   * @param filters a fresh chain
   */
  public static CorpusReport run(
      ParallelCorpusReader reader, String description, FilterChain filters) {
    LengthHistogram source = new LengthHistogram();
    LengthHistogram target = new LengthHistogram();
    while (reader.hasNext()) {
      FilteredPair f = filters.apply(reader.next());
      if (f.kept()) {
        source.add(f.sourceTokens().size());
        target.add(f.targetTokens().size());
      }
    }
    Map<String, Long> drops = new LinkedHashMap<>(reader.skipped());
    long skipped = drops.values().stream().mapToLong(Long::longValue).sum();
    drops.putAll(filters.drops());
    return new CorpusReport(
        description, filters.read() + skipped, filters.kept(), drops, source, target);
  }
}
