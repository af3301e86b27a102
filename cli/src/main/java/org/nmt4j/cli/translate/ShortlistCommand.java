package org.nmt4j.cli.translate;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;
import org.nmt4j.translator.io.TrainedModel;
import org.nmt4j.translator.shortlist.IbmModel1;
import org.nmt4j.translator.shortlist.ShortlistBuilder;
import org.nmt4j.translator.shortlist.ShortlistFile;
import org.nmt4j.translator.shortlist.ShortlistOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j shortlist}: builds a model's lexical shortlist from a parallel corpus (see
 * {@link ShortlistBuilder}), for {@code translate --shortlist}.
 */
@Command(
    name = "shortlist",
    mixinStandardHelpOptions = true,
    description = {
        "Build a lexical shortlist for faster decoding (as Marian's --shortlist).",
        "Learns p(target token | source token) with IBM Model 1 on a parallel corpus (usually"
            + " the model's training data), tokenized by the model itself, and writes the most"
            + " frequent target tokens and each source token's most probable translations;"
            + " 'translate --shortlist FILE' then computes the output layer over those tokens"
            + " only."})
public final class ShortlistCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
      description = "The model file (model.nmt4j) the shortlist is for.")
  Path model;

  @Option(names = "--src", required = true, paramLabel = "FILE",
      description = "Source side of the parallel corpus, one sentence per line.")
  Path source;

  @Option(names = "--tgt", required = true, paramLabel = "FILE",
      description = "Target side, aligned line by line with --src.")
  Path target;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "The shortlist file to write (atomically; tab-separated text).")
  Path output;

  @Option(names = "--frequent", paramLabel = "N", defaultValue = "100",
      description = "Most frequent target tokens listed for every batch (default ${DEFAULT-VALUE}).")
  int frequent;

  @Option(names = "--best", paramLabel = "N", defaultValue = "50",
      description = "Most probable translations listed per source token (default ${DEFAULT-VALUE}).")
  int best;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
      description = "IBM Model 1 iterations (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--max-lines", paramLabel = "N", defaultValue = "2147483647",
      description = "Read at most the first N line pairs (default: all). Model 1 keeps every"
          + " distinct co-occurring token pair in memory, 20 bytes each.")
  int maxLines;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ShortlistOptions options = options();
    OutputPaths.of(spec.commandLine()).inputs("-m", List.of(model)).input("--src", source)
        .input("--tgt", target).requireDistinct("-o", output);
    for (Path p : List.of(source, target)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException(p + ": no such file");
      }
    }
    TrainedModel trained = TrainedModel.load(model);
    Seq2SeqTranslationModel m = Seq2SeqTranslationModel.of(trained);
    ShortlistBuilder builder = new ShortlistBuilder(m, trained.sourceVocabulary().size(),
        trained.targetVocabulary().size());
    long start = System.nanoTime();
    int lines = builder.read(source, target, options.maxLines());
    IbmModel1 lexicon = builder.train(options.iterations());
    ShortlistFile.write(output, lexicon, builder.targetCounts(), options.frequent(),
        options.best(), trained.sourceVocabulary(), trained.targetVocabulary());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "shortlist: %d line pairs (%d used), %d iterations, %d frequent"
            + " target tokens, up to %d translations per source token, %.1f s -> %s (%.1f MB)%n",
        lines, builder.size(), options.iterations(), options.frequent(), options.best(),
        (System.nanoTime() - start) / 1e9, output, Files.size(output) / 1e6);
    out.flush();
    return 0;
  }

  private ShortlistOptions options() {
    try {
      return new ShortlistOptions(frequent, best, iterations, maxLines);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
