package org.nmt4j.cli.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nmt4j.translator.Translator;
import picocli.CommandLine.Option;

/** The {@code --shortlist FILE} flag of {@code translate} and {@code evaluate}. */
public final class ShortlistFlag {
  @Option(names = "--shortlist", paramLabel = "FILE",
      description = "A lexical shortlist written by 'nmt4j shortlist' for this model: the output"
          + " layer is computed only for the most frequent target tokens and the likely"
          + " translations of each batch's source tokens (faster decoding; tokens off the list"
          + " are never produced; scores and perplexity use the whole vocabulary).")
  Path file;

  /** The file given, or null. */
  public Path file() {
    return file;
  }

  /**
   * The translator with the shortlist, or unchanged without the flag.
   *
   * @throws IllegalArgumentException naming the file when it is missing, malformed or for
   *     another model
   */
  public Translator apply(Translator translator) {
    if (file == null) {
      return translator;
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--shortlist " + file + ": no such file");
    }
    return translator.withShortlist(file);
  }
}
