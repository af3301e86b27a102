package org.nmt4j.cli.translate;

import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.tokenization.io.Utf8LineReader;
import org.nmt4j.translator.BatchingOptions;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;
import org.nmt4j.tokenization.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j translate}: translates a file or stdin line by line, keeping lines aligned.
 */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = {
        "Translate text with a trained model, one output line per input line.",
        "Reads stdin and writes stdout unless --src/-o are given; UTF-8 in and out."},
    footer = {
        "",
        "Output: exactly one line per input line; an empty or blank input line gives an empty "
            + "output line, whatever the options.",
        "  --n-samples K: the K samples of a line on that line, separated by tabs.",
        "  --with-score: each translation is followed by a tab and its log-probability (natural "
            + "log, end of sentence included); with both, a line reads "
            + "sample1<TAB>logp1<TAB>sample2<TAB>logp2...",
        "Lines longer than --max-src-length tokens are cut, with a warning on stderr.",
        "With -o the file is written atomically (all or nothing), with progress on stderr."})
public final class TranslateCommand implements Callable<Integer> {
  /** Lines translated together: enough for length-sorted batches, bounded memory. */
  private static final int MIN_CHUNK = 2048;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
      description = "The model file (model.nmt4j) written by 'nmt4j train'; repeat for an "
          + "ensemble (mean of the models' log-probabilities at each step).")
  List<Path> models;

  @Option(names = "--src", paramLabel = "FILE",
      description = "Source text, one sentence per line (.gz read transparently; default: stdin).")
  Path input;

  /** The old spellings of --src, as score and evaluate, kept hidden. */
  @Option(names = {"-i", "--input"}, hidden = true, paramLabel = "FILE")
  void legacyInput(Path value) {
    input = value;
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Output file, written atomically; default stdout.")
  Path output;

  @Option(names = "--with-score",
      description = "Append a tab and the log-probability to each translation.")
  boolean withScore;

  @Mixin DecodingFlags decoding;

  @Mixin org.nmt4j.cli.DecodingConfigFile config;

  @Mixin QuantizeFlag quantize;

  @Mixin ShortlistFlag shortlist;

  @Mixin BatchingFlags batching;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    config.check();
    // the log-probabilities only where printed (--with-score): each costs a softmax
    // normaliser over the target vocabulary per step
    DecodingOptions options = decoding.options().withScores(withScore);
    BatchingOptions batchingOptions = batching.options();
    OutputPaths.of(spec.commandLine()).inputs("-m", models).input("--src", input)
        .input("--shortlist", shortlist.file()).requireDistinct("-o", output);
    Translator translator = shortlist.apply(
        Translator.load(models, quantize.value()).withBatching(batchingOptions));
    PrintWriter err = spec.commandLine().getErr();
    try (Utf8LineReader reader = input == null
        ? new Utf8LineReader(unclosable(System.in), "<stdin>")
        : Utf8LineReader.open(input)) {
      if (output == null) {
        Writer out = spec.commandLine().getOut();
        translateAll(translator, options, reader, out, err, null);
        out.flush();
      } else {
        long total = input == null ? -1 : countLines(input);
        try (ErrProgress progress = new ErrProgress(err, "translate", total)) {
          AtomicFiles.write(output, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            translateAll(translator, options, reader, out, err, progress);
            out.flush();
          });
        }
      }
    }
    return 0;
  }

  private void translateAll(Translator translator, DecodingOptions options, Utf8LineReader reader,
      Writer out, PrintWriter err, ErrProgress progress) throws IOException {
    // typed at a terminal: answer each line at once instead of waiting for a full chunk
    boolean interactive = input == null && System.console() != null;
    int chunkSize = interactive ? 1 : Math.max(MIN_CHUNK, options.batchSize() * 32);
    List<String> chunk = new ArrayList<>(chunkSize);
    long firstLine = 1;
    String line;
    while ((line = reader.readLine()) != null) {
      chunk.add(line);
      if (chunk.size() == chunkSize) {
        writeChunk(translator, options, chunk, firstLine, reader.file(), out, err, progress);
        firstLine += chunk.size();
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      writeChunk(translator, options, chunk, firstLine, reader.file(), out, err, progress);
    }
  }

  private void writeChunk(Translator translator, DecodingOptions options, List<String> lines,
      long firstLine, String file, Writer out, PrintWriter err, ErrProgress progress)
      throws IOException {
    long[] decoded = new long[1];
    List<List<Translation>> results = translator.translateSamples(lines, options,
        progress == null ? null : n -> {
          decoded[0] += n;
          progress.advance(n);
        });
    for (int i = 0; i < results.size(); i++) {
      List<Translation> samples = results.get(i);
      for (String warning : samples.get(0).warnings()) {
        err.println(spec.qualifiedName(" ") + ": warning: " + file + ":" + (firstLine + i) + ": " + warning);
      }
      out.write(format(samples, withScore));
      out.write('\n');
    }
    out.flush();
    err.flush();
    if (progress != null) {
      // empty lines are not decoded, so they were not counted yet
      progress.advance(lines.size() - decoded[0]);
    }
  }

  /**
   * One output line: the samples separated by tabs, each followed by a tab and its
   * log-probability when asked; an empty line for an empty (or blank) input line.
   *
   * @param samples the translations of one input line
   * @param withScore whether to add log-probabilities
   * @return the line, without line break
   */
  static String format(List<Translation> samples, boolean withScore) {
    if (samples.get(0).sourceTokens() == 0) {
      // an empty input line stays an empty line, whatever the format
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < samples.size(); k++) {
      if (k > 0) {
        sb.append('\t');
      }
      // tokens never hold whitespace, but keep the line format safe whatever a detokenizer does
      sb.append(samples.get(k).text().replaceAll("[\\t\\r\\n]", " "));
      if (withScore) {
        sb.append('\t').append(String.format(Locale.ROOT, "%.4f", samples.get(k).logProbability()));
      }
    }
    return sb.toString();
  }

  private static long countLines(Path file) {
    try (Utf8LineReader reader = Utf8LineReader.open(file)) {
      return reader.countToEnd();
    }
  }


  private static InputStream unclosable(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // stdin belongs to the process, not to this command
      }
    };
  }
}
