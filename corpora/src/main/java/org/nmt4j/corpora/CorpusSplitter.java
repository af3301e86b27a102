package org.nmt4j.corpora;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Splits one corpus into {@code train}, {@code valid} and {@code test} files, for when no
 * separate validation and test sets exist.
 *
 * <p>The split is random but reproducible: the same corpus, filters and {@link SplitConfig} give
 * the same files. It streams twice over the corpus (once to count the pairs, once to write), so
 * memory does not grow with the corpus; the six files {@code train.src train.tgt valid.src
 * valid.tgt test.src test.tgt} are written atomically.
 */
public final class CorpusSplitter {

  private final SplitConfig config;

  /**
   * @param config the held-out sizes and the seed
   */
  public CorpusSplitter(SplitConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Splits every pair of a corpus.
   *
   * @param spec the corpus
   * @param outDir where the six files go (created if needed)
   * @return the number of pairs in each part
   */
  public SplitSizes write(CorpusSpec spec, Path outDir) {
    return write(spec, () -> p -> true, outDir);
  }

  /**
   * Splits the pairs of a corpus that a filter keeps.
   *
   * @param spec the corpus
   * @param filters makes a fresh filter (such as a {@link FilterChain}) for each of the two
   *     passes, so that stateful filters decide the same way both times
   * @param outDir where the six files go (created if needed)
   * @return the number of pairs in each part
   * @throws CorpusException on bad input; no output file is then replaced
   */
  public SplitSizes write(
      CorpusSpec spec, Supplier<? extends Predicate<SentencePair>> filters, Path outDir) {
    long total = 0;
    try (ParallelCorpusReader reader = spec.open()) {
      Predicate<SentencePair> keep = filters.get();
      while (reader.hasNext()) {
        if (keep.test(reader.next())) {
          total++;
        }
      }
    }
    SplitSizes sizes = config.sizes(total);
    SplitAssigner assigner = new SplitAssigner(sizes, config.seed());
    Map<SplitPart, AlignedCorpusWriter> writers = new EnumMap<>(SplitPart.class);
    try (ParallelCorpusReader reader = spec.open()) {
      for (SplitPart part : SplitPart.values()) {
        writers.put(part, new AlignedCorpusWriter(outDir, part.stem()));
      }
      Predicate<SentencePair> keep = filters.get();
      long written = 0;
      while (reader.hasNext()) {
        SentencePair p = reader.next();
        if (keep.test(p)) {
          if (written == total) {
            throw new CorpusException(spec.describe() + ": changed while it was being split");
          }
          writers.get(assigner.next()).write(p);
          written++;
        }
      }
      if (written != total) {
        throw new CorpusException(spec.describe() + ": changed while it was being split");
      }
      for (AlignedCorpusWriter w : writers.values()) {
        w.commit();
      }
    } finally {
      for (AlignedCorpusWriter w : writers.values()) {
        w.close();
      }
    }
    return sizes;
  }
}
