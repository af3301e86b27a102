package org.nmt4j.corpora;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Function;
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
    return write(List.of(spec), () -> {
      Predicate<SentencePair> keep = filters.get();
      return p -> keep.test(p) ? p : null;
    }, outDir, false);
  }

  /**
   * Splits the pairs of several corpora, read one after the other, that a pipeline keeps.
   *
   * @param specs the corpora
   * @param pipeline makes a fresh pipeline for each of the two passes; it returns the pair to
   *     write (possibly changed, e.g. normalised) or null to drop it, and must decide the same way
   *     both times
   * @param outDir where the six files go (created if needed)
   * @param gzip write {@code .src.gz} and {@code .tgt.gz} files
   * @return the number of pairs in each part
   * @throws CorpusException on bad input; no output file is then replaced
   */
  public SplitSizes write(List<CorpusSpec> specs,
      Supplier<? extends Function<SentencePair, SentencePair>> pipeline, Path outDir,
      boolean gzip) {
    long total = 0;
    Function<SentencePair, SentencePair> first = pipeline.get();
    for (CorpusSpec spec : specs) {
      try (ParallelCorpusReader reader = spec.open()) {
        while (reader.hasNext()) {
          if (first.apply(reader.next()) != null) {
            total++;
          }
        }
      }
    }
    SplitSizes sizes = config.sizes(total);
    SplitAssigner assigner = new SplitAssigner(sizes, config.seed());
    Map<SplitPart, AlignedCorpusWriter> writers = new EnumMap<>(SplitPart.class);
    String names = specs.stream().map(CorpusSpec::describe).reduce((a, b) -> a + ", " + b)
        .orElse("no corpus");
    try {
      for (SplitPart part : SplitPart.values()) {
        writers.put(part, new AlignedCorpusWriter(outDir, part.stem(), gzip));
      }
      Function<SentencePair, SentencePair> second = pipeline.get();
      long written = 0;
      for (CorpusSpec spec : specs) {
        try (ParallelCorpusReader reader = spec.open()) {
          while (reader.hasNext()) {
            SentencePair p = second.apply(reader.next());
            if (p != null) {
              if (written == total) {
                throw new CorpusException(names + ": changed while it was being split");
              }
              writers.get(assigner.next()).write(p);
              written++;
            }
          }
        }
      }
      if (written != total) {
        throw new CorpusException(names + ": changed while it was being split");
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
