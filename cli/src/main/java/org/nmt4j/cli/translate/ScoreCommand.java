package org.nmt4j.cli.translate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.tokenization.io.Utf8LineReader;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.ScoreReport;
import org.nmt4j.translator.SentenceScore;
import org.nmt4j.translator.Translator;
import org.nmt4j.tokenization.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nmt4j score}: forced decoding of target sentences given their sources. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
        "Score each target line as a translation of its source line (forced decoding).",
        "Per line: log-probability<TAB>tokens<TAB>perplexity, where tokens counts the target "
            + "tokens and the end of sentence. Then the corpus perplexity: on stderr when the "
            + "per-line scores go to stdout, on stdout with -o."})
public final class ScoreCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
      description = "The model file (model.nmt4j); repeat for an ensemble.")
  List<Path> models;

  @Option(names = "--src", required = true, paramLabel = "FILE", description = "Source sentences.")
  Path source;

  @Option(names = "--tgt", required = true, paramLabel = "FILE",
      description = "Target sentences, line-aligned with --src.")
  Path target;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the per-line scores here (atomically) instead of stdout.")
  Path output;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Sentences per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--max-src-length", paramLabel = "N", description = "Longer sources are cut to N tokens (default ${DEFAULT-VALUE}).")
  int maxSourceLength = 250;

  /** The old spelling of --max-src-length, kept hidden. */
  @Option(names = "--max-source-length", hidden = true, paramLabel = "N")
  void legacyMaxSourceLength(int value) {
    maxSourceLength = value;
  }

  @picocli.CommandLine.Mixin org.nmt4j.cli.DecodingConfigFile config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    config.check();
    OutputPaths.of(spec.commandLine()).inputs("-m", models).input("--src", source)
        .input("--tgt", target).requireDistinct("-o", output);
    DecodingOptions options = FlagValues.check(spec.commandLine(), () -> DecodingOptions.greedy()
        .withBatchSize(batchSize).withMaxSourceLength(maxSourceLength));
    List<String> sources = readLines(source);
    List<String> targets = readLines(target);
    if (sources.size() != targets.size()) {
      throw new IllegalArgumentException("line counts differ: " + source + " has " + sources.size()
          + " lines, " + target + " has " + targets.size());
    }
    Translator translator = Translator.load(models);
    ScoreReport report = translator.score(sources, targets, options);
    String summary = String.format(Locale.ROOT,
        "corpus perplexity %.4f (%d sentences, %d tokens, log-probability %.4f)",
        report.perplexity(), report.sentences().size(), report.predictions(), report.logProbability());
    PrintWriter out = spec.commandLine().getOut();
    if (output == null) {
      writeScores(report, out);
      out.flush();
      spec.commandLine().getErr().println(summary);
    } else {
      AtomicFiles.write(output, stream -> {
        Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        writeScores(report, w);
        w.flush();
      });
      out.println(summary);
    }
    return 0;
  }

  private static void writeScores(ScoreReport report, Writer out) throws IOException {
    for (SentenceScore s : report.sentences()) {
      out.write(String.format(Locale.ROOT, "%.4f\t%d\t%.4f%n",
          s.logProbability(), s.predictions(), s.perplexity()));
    }
  }

  private static List<String> readLines(Path file) {
    return Utf8LineReader.readAll(file, Utf8LineReader.LineEnding.TEXT);
  }
}
