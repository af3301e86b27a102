package org.nmt4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/**
 * The smallest program that embeds nmt4j: loads a model and translates a file, one output line
 * per input line. It sets nothing itself (no environment variable, no JVM option, no native
 * library): the runtime settings the {@code nmt4j} launcher used to export are applied inside
 * {@link Translator#load}, so this program started with a plain {@code java -cp} runs as fast as
 * {@code nmt4j translate} (README, "Speed settings", has the measurement).
 *
 * <p>Run: {@code java -cp cli/target/test-classes:cli/target/lib/*
 * org.nmt4j.examples.TranslateFileExample MODEL INPUT OUTPUT}; prints the time taken to stderr.
 */
public final class TranslateFileExample {
  private TranslateFileExample() {}

  /**
   * @param args the model file, the input file (UTF-8, one sentence per line) and the output
   *     file
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: TranslateFileExample MODEL INPUT OUTPUT");
      System.exit(2);
    }
    long start = System.nanoTime();
    Translator translator = Translator.load(Path.of(args[0]));
    List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    List<String> output = translator.translate(lines).stream().map(Translation::text).toList();
    Files.write(Path.of(args[2]), output, StandardCharsets.UTF_8);
    System.err.printf(java.util.Locale.ROOT, "translated %d lines in %.2f s%n", lines.size(),
        (System.nanoTime() - start) / 1e9);
  }
}
