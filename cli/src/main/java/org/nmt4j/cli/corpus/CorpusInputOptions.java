package org.nmt4j.cli.corpus;

import java.nio.file.Path;
import org.nmt4j.corpora.CorpusSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a parallel corpus is: two aligned files, a TSV file or a TMX file. Exactly one form is
 * accepted; picocli reports a mix as a usage error.
 */
public final class CorpusInputOptions {
  // plain options, not an @ArgGroup: picocli lists a mixin's group options twice in --help
  @Option(names = "--src", paramLabel = "FILE", description = "Source-language file.")
  Path source;

  @Option(names = "--tgt", paramLabel = "FILE", description = "Target-language file, line-aligned.")
  Path target;

  @Option(names = "--tsv", paramLabel = "FILE", description = "A TSV file: source<TAB>target per line.")
  Path tsv;

  @Option(names = "--tsv-columns", paramLabel = "S,T", split = ",",
      description = "1-based TSV columns of source and target (default: 1,2).")
  int[] tsvColumns;

  @Option(names = "--tmx", paramLabel = "FILE", description = "A TMX 1.4 file.")
  Path tmx;

  @Option(names = "--src-lang", paramLabel = "LANG", description = "TMX: source language code.")
  String sourceLanguage;

  @Option(names = "--tgt-lang", paramLabel = "LANG", description = "TMX: target language code.")
  String targetLanguage;

  /** The corpus named on the command line; a usage error when none or several forms are given. */
  public CorpusSpec toSpec(picocli.CommandLine commandLine) {
    if ((source == null) != (target == null)) {
      throw new ParameterException(commandLine, "--src and --tgt must be given together");
    }
    boolean aligned = source != null;
    int forms = (aligned ? 1 : 0) + (tsv != null ? 1 : 0) + (tmx != null ? 1 : 0);
    if (forms != 1) {
      throw new ParameterException(commandLine,
          "give exactly one corpus: --src F --tgt F, or --tsv F, or --tmx F --src-lang L --tgt-lang L");
    }
    if (aligned) {
      return CorpusSpec.aligned(source, target);
    }
    if (tsv != null) {
      if (tsvColumns == null) {
        return CorpusSpec.tsv(tsv);
      }
      if (tsvColumns.length != 2) {
        throw new ParameterException(commandLine, "--tsv-columns takes two numbers, e.g. 1,2");
      }
      return CorpusSpec.tsv(tsv, tsvColumns[0], tsvColumns[1]);
    }
    if (sourceLanguage == null || targetLanguage == null) {
      throw new ParameterException(commandLine, "--tmx needs --src-lang and --tgt-lang");
    }
    return CorpusSpec.tmx(tmx, sourceLanguage, targetLanguage);
  }
}
