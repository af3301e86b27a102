package org.nmt4j.cli.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.spark.input.CorpusInputs;
import org.nmt4j.translator.config.CorpusConfig;
import org.nmt4j.translator.config.DataConfig;
import picocli.CommandLine;

/**
 * The corpus files of {@code train} by the flag (or config entry) that names them, as local paths
 * or, for names with a URI scheme ({@code hdfs://}, {@code s3a://}, {@code file://}, ...), as
 * paths read through Hadoop's {@code FileSystem} ({@link CorpusInputs}: Spark's Hadoop
 * configuration with {@code --spark}, Hadoop's defaults without).
 */
final class CorpusFiles {
  private final CommandLine commandLine;
  private final CorpusInputs inputs;

  CorpusFiles(CommandLine commandLine, CorpusInputs inputs) {
    this.commandLine = commandLine;
    this.inputs = inputs;
  }

  /**
   * A corpus config from the aligned flags' values, a URI kept as given, a local name as a path
   * (as picocli's conversion did before).
   */
  static CorpusConfig aligned(String source, String target) {
    return new CorpusConfig(name(source), name(target), null, null, null, null, null, null);
  }

  /** A URI as given, a local name normalised as a path. */
  static String name(String given) {
    return CorpusInputs.isUri(given) ? given : Path.of(given).toString();
  }

  /**
   * The input names by the flag (or config entry) that names them: the first corpus keeps the
   * names of its flags ({@code --train-src}, {@code --train-tgt}, {@code --tsv}, {@code --tmx}),
   * later ones are {@code --train K}; a flag not given maps to null.
   */
  static Map<String, String> names(List<CorpusConfig> corpora, CorpusConfig valid) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 0; k < corpora.size(); k++) {
      CorpusConfig c = corpora.get(k);
      String prefix = k == 0 ? "" : "--train " + (k + 1) + " ";
      if (c.src() != null) {
        m.put(k == 0 ? "--train-src" : prefix + "source", c.src());
        m.put(k == 0 ? "--train-tgt" : prefix + "target", c.tgt());
      } else if (c.tsv() != null) {
        m.put(k == 0 ? "--tsv" : prefix + "file", c.tsv());
      } else {
        m.put(k == 0 ? "--tmx" : prefix + "file", c.tmx());
      }
    }
    if (valid != null && valid.src() != null) {
      m.put("--valid-src", valid.src());
      m.put("--valid-tgt", valid.tgt());
    } else if (valid != null) {
      m.put("--valid", valid.tsv() != null ? valid.tsv() : valid.tmx());
    } else {
      m.put("--valid-src", null);
      m.put("--valid-tgt", null);
    }
    return m;
  }

  /**
   * The local files among the inputs, for the check against what {@code train} writes: a {@code
   * file:} URI as its file, other URIs left out.
   */
  static Map<String, Path> localFiles(List<CorpusConfig> corpora, CorpusConfig valid) {
    Map<String, Path> m = new LinkedHashMap<>();
    names(corpora, valid).forEach((flag, name) ->
        m.put(flag, name == null ? null : CorpusInputs.localFile(name)));
    return m;
  }

  /**
   * The inputs as paths for the run directory's data record, each URI checked to be a readable
   * file.
   *
   * @throws picocli.CommandLine.ParameterException when a URI's scheme has no Hadoop file system
   *     (exit 2)
   * @throws IOException when a URI names no readable file (exit 1); messages name the flag
   */
  Map<String, Path> checked(List<CorpusConfig> corpora, CorpusConfig valid) throws IOException {
    Map<String, Path> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : names(corpora, valid).entrySet()) {
      m.put(e.getKey(), e.getValue() == null ? null : check(e.getKey(), e.getValue()));
    }
    return m;
  }

  private Path check(String flag, String name) throws IOException {
    try {
      return inputs.check(flag, name);
    } catch (IllegalArgumentException e) {
      FlagValues.require(commandLine, false, e.getMessage());
      throw e;
    }
  }

  /** The corpus to read, its URIs as Hadoop paths (local names exactly as {@code toSpec}). */
  CorpusSpec spec(CorpusConfig c, DataConfig data) {
    CorpusSpec s = FlagValues.check(commandLine, () -> c.toSpec(data));
    String first = c.src() != null ? c.src() : c.tsv() != null ? c.tsv() : c.tmx();
    if (!CorpusInputs.isUri(first) && !CorpusInputs.isUri(c.tgt())) {
      return s;
    }
    return new CorpusSpec(s.format(), inputs.path(first),
        c.tgt() == null ? null : inputs.path(c.tgt()), s.sourceColumn(), s.targetColumn(),
        s.sourceLanguage(), s.targetLanguage());
  }
}
