package org.nmt4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.translator.config.CorpusConfig;
import picocli.CommandLine.Option;

/**
 * The training-corpus flags of {@code train} and {@code vocab} besides the aligned pair of files:
 * a TSV file, a TMX file (with {@code --src-lang}/{@code --tgt-lang}) and any number of {@code
 * --train} corpora with weights. Each given corpus becomes an entry of {@code data.train}.
 */
public final class TrainCorpusFlags {
  @Option(names = "--train", paramLabel = "CORPUS",
      description = "A training corpus, repeatable: two aligned files, or one .tsv/.tmx file "
          + "(.gz ok), then optional items weight=W, columns=S:T (TSV), src-lang=L, tgt-lang=L "
          + "(TMX), all separated by commas, e.g. a.de,a.en,weight=3 or b.tsv.gz. Weights are "
          + "sampling proportions; an epoch is one pass over the first corpus.")
  List<String> train;

  @Option(names = "--tsv", paramLabel = "FILE", description = "A training corpus as TSV: source<TAB>target per line (.gz ok).")
  String tsv;

  @Option(names = "--tsv-columns", paramLabel = "S,T", description = "1-based TSV columns of source and target (default: 1,2).")
  String tsvColumns;

  @Option(names = "--tmx", paramLabel = "FILE", description = "A training corpus as TMX 1.4, the languages of --src-lang and --tgt-lang (.gz ok).")
  String tmx;

  /**
   * The corpora given by these flags and an optional aligned pair, in the order: aligned pair,
   * TSV, TMX, then the {@code --train} corpora.
   *
   * @param alignedSource the aligned source file flag's value, or null
   * @param alignedTarget the aligned target file flag's value, or null
   * @throws IllegalArgumentException naming the flag at fault
   */
  List<CorpusConfig> corpora(Path alignedSource, Path alignedTarget) {
    return corpora(alignedSource == null ? null : alignedSource.toString(),
        alignedTarget == null ? null : alignedTarget.toString());
  }

  /**
   * {@link #corpora(Path, Path)} with file names as given: a name with a URI scheme (such as
   * {@code hdfs://nn/x}) is kept as it is, for {@code train} to read through Hadoop.
   */
  List<CorpusConfig> corpora(String alignedSource, String alignedTarget) {
    List<CorpusConfig> out = new ArrayList<>();
    if (alignedSource != null && alignedTarget != null) {
      out.add(CorpusFiles.aligned(alignedSource, alignedTarget));
    }
    if (tsvColumns != null && tsv == null) {
      throw new IllegalArgumentException("--tsv-columns needs --tsv");
    }
    if (tsv != null) {
      try {
        out.add(new CorpusConfig(null, null, CorpusFiles.name(tsv), tsvColumns, null, null, null, null));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replace("data.train: tsv-columns",
            "--tsv-columns"), e);
      }
    }
    if (tmx != null) {
      out.add(new CorpusConfig(null, null, null, null, CorpusFiles.name(tmx), null, null, null));
    }
    if (train != null) {
      for (String t : train) {
        out.add(CorpusConfig.parse(t));
      }
    }
    return out;
  }
}
