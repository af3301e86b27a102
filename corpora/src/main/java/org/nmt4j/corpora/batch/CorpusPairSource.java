package org.nmt4j.corpora.batch;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.FilterChain;
import org.nmt4j.corpora.FilteredPair;
import org.nmt4j.corpora.ParallelCorpusReader;

/**
 * A corpus streamed from disk at every pass: read, filtered, tokenized (by the filter chain) and
 * encoded, never held in memory whole. Pairs come in file order; shuffling is left to the
 * batcher's pools. The index of a pair is its position among the kept pairs (0-based), the same
 * at every pass.
 */
public final class CorpusPairSource implements PairSource {

  private final CorpusSpec spec;
  private final Supplier<FilterChain> filters;
  private final Function<List<String>, int[]> sourceEncoder;
  private final Function<List<String>, int[]> targetEncoder;

  /**
   * @param spec the corpus
   * @param filters makes a fresh chain for each pass (chains count and remember duplicates); its
   *     tokenizers give the tokens that are encoded
   * @param sourceEncoder source tokens to ids, e.g. {@code sourceVocabulary::encode}
   * @param targetEncoder target tokens to ids
   */
  public CorpusPairSource(
      CorpusSpec spec,
      Supplier<FilterChain> filters,
      Function<List<String>, int[]> sourceEncoder,
      Function<List<String>, int[]> targetEncoder) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.filters = Objects.requireNonNull(filters, "filters");
    this.sourceEncoder = Objects.requireNonNull(sourceEncoder, "sourceEncoder");
    this.targetEncoder = Objects.requireNonNull(targetEncoder, "targetEncoder");
  }

  @Override
  public Stream<EncodedPair> open(boolean shuffle, long shuffleSeed) {
    ParallelCorpusReader reader = spec.open();
    FilterChain chain = filters.get();
    Iterator<EncodedPair> it =
        new Iterator<>() {
          private EncodedPair pending;
          private long index;

          @Override
          public boolean hasNext() {
            while (pending == null && reader.hasNext()) {
              FilteredPair f = chain.apply(reader.next());
              if (f.kept()) {
                pending =
                    new EncodedPair(
                        sourceEncoder.apply(f.sourceTokens()),
                        targetEncoder.apply(f.targetTokens()),
                        index++);
              }
            }
            return pending != null;
          }

          @Override
          public EncodedPair next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            EncodedPair p = pending;
            pending = null;
            return p;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(reader::close);
  }
}
