package org.nmt4j.cli.corpus;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.corpora.SplitSizes;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nmt4j corpus generate}: writes a seeded toy corpus split into train, valid and test. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a toy corpus: train.src train.tgt valid.src valid.tgt test.src test.tgt.",
      "Tasks: copy, reverse (random token strings), numbers-en-fr, numbers-fr-en "
          + "(0 to 999,999 in words)."
    })
public final class CorpusGenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--task", required = true, paramLabel = "TASK",
      description = "copy | reverse | numbers-en-fr | numbers-fr-en")
  String task;

  @Option(names = "--size", required = true, paramLabel = "N", description = "Training pairs (at most " + ToyCorpusConfig.MAX_SIZE + ").")
  int size;

  @Option(names = "--valid-size", paramLabel = "N",
      description = "Validation pairs (default: size/10, 1 to 1000).")
  Integer validSize;

  @Option(names = "--test-size", paramLabel = "N",
      description = "Test pairs (default: size/10, 1 to 1000).")
  Integer testSize;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--vocab-size", paramLabel = "N",
      description = "copy/reverse: distinct tokens (default: " + ToyCorpusConfig.DEFAULT_VOCABULARY + ").")
  Integer vocabularySize;

  @Option(names = "--min-string-length", paramLabel = "N",
      description = "copy/reverse: shortest string (default: " + ToyCorpusConfig.DEFAULT_MIN_LENGTH + ").")
  Integer minLength;

  /** The old spelling of --min-string-length, kept hidden. */
  @Option(names = "--min-length", hidden = true, paramLabel = "N")
  void legacyMinLength(Integer value) {
    minLength = value;
  }

  @Option(names = "--max-string-length", paramLabel = "N",
      description = "copy/reverse: longest string (default: " + ToyCorpusConfig.DEFAULT_MAX_LENGTH + ").")
  Integer maxLength;

  /** The old spelling of --max-string-length, kept hidden. */
  @Option(names = "--max-length", hidden = true, paramLabel = "N")
  void legacyMaxLength(Integer value) {
    maxLength = value;
  }

  @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Output directory.")
  Path outDir;

  /** The validated settings; an {@link IllegalArgumentException} names the flag at fault. */
  private ToyCorpusConfig config() {
    ToyCorpusConfig config = ToyCorpusConfig.of(ToyTask.fromName(task), size, seed);
    if (validSize != null || testSize != null) {
      config = config.withHeldOut(
          validSize == null ? config.validSize() : validSize,
          testSize == null ? config.testSize() : testSize);
    }
    if (vocabularySize != null || minLength != null || maxLength != null) {
      config = config.withStrings(
          vocabularySize == null ? config.vocabularySize() : vocabularySize,
          minLength == null ? config.minLength() : minLength,
          maxLength == null ? config.maxLength() : maxLength);
    }
    return config;
  }

  @Override
  public Integer call() throws java.io.IOException {
    ToyCorpusConfig config = FlagValues.check(spec.commandLine(), this::config);
    for (Path stale : AtomicFiles.removeStale(outDir)) {
      spec.commandLine().getErr().println("removed " + stale + " (left by an interrupted write)");
    }
    // written to temporary files renamed at the end: an interrupted run (Ctrl-C) leaves
    // nothing under the final names, and its temporary files are deleted on the way out
    SplitSizes sizes = new ToyCorpusGenerator(config).write(outDir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: wrote %d train, %d valid, %d test pairs to %s%n",
        config.task().cliName(), sizes.train(), sizes.valid(), sizes.test(), outDir);
    out.flush();
    return 0;
  }
}
