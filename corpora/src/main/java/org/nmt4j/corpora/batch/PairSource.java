package org.nmt4j.corpora.batch;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Something that can be read in full once per epoch as encoded pairs: a list in memory, or a
 * corpus streamed from disk ({@link CorpusPairSource}).
 */
@FunctionalInterface
public interface PairSource {

  /**
   * Opens one pass over all pairs.
   *
   * @param shuffle whether the batcher wants the pairs shuffled; a source that cannot shuffle
   *     cheaply (a file) keeps its order and relies on the batcher's pools for local shuffling
   * @param shuffleSeed the seed to shuffle with (derived from the batcher's seed and the epoch)
   * @return the pairs; the caller closes the stream
   */
  Stream<EncodedPair> open(boolean shuffle, long shuffleSeed);

  /**
   * Pairs held in memory. Shuffled over the whole list when asked, so pools differ between
   * epochs.
   *
   * @param pairs the pairs (not copied; do not change the list while batching)
   */
  static PairSource of(List<EncodedPair> pairs) {
    return (shuffle, seed) -> {
      if (!shuffle) {
        return pairs.stream();
      }
      int[] order = IntStream.range(0, pairs.size()).toArray();
      Random random = new Random(seed);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      return IntStream.of(order).mapToObj(pairs::get);
    };
  }
}
