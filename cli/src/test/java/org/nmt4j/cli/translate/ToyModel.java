package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.nmt4j.cli.CliRun;

/**
 * One small model trained once per test JVM with {@code nmt4j train} on a reversal task whose
 * tokens are non-ASCII letters (so that UTF-8 handling shows in every output), shared by the
 * translate, score and example tests.
 */
final class ToyModel {
  /** The task's symbols: reversing strings of them is what the model learns. */
  static final List<String> SYMBOLS = List.of("à", "é", "î", "ö", "ü", "ß", "ж", "λ");

  private static ToyModel instance;

  final Path dir;
  final Path model;
  final List<String> testSources;
  final List<String> testTargets;

  private ToyModel(Path dir, List<String> testSources, List<String> testTargets) {
    this.dir = dir;
    this.model = dir.resolve("model").resolve("model.nmt4j");
    this.testSources = testSources;
    this.testTargets = testTargets;
  }

  /** The trained model, training it on first use. */
  static synchronized ToyModel get() {
    if (instance == null) {
      try {
        instance = train();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  private static ToyModel train() throws IOException {
    Path dir = Files.createTempDirectory("nmt4j-toy-model");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    Random random = new Random(42);
    List<String> trainSrc = new ArrayList<>();
    List<String> trainTgt = new ArrayList<>();
    List<String> testSrc = new ArrayList<>();
    List<String> testTgt = new ArrayList<>();
    for (int i = 0; i < 2600; i++) {
      int n = 3 + random.nextInt(4);
      List<String> s = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        s.add(SYMBOLS.get(random.nextInt(SYMBOLS.size())));
      }
      List<String> r = new ArrayList<>(s);
      java.util.Collections.reverse(r);
      (i < 2500 ? trainSrc : testSrc).add(String.join(" ", s));
      (i < 2500 ? trainTgt : testTgt).add(String.join(" ", r));
    }
    write(dir.resolve("train.src"), trainSrc);
    write(dir.resolve("train.tgt"), trainTgt);
    write(dir.resolve("test.src"), testSrc);
    write(dir.resolve("test.tgt"), testTgt);
    CliRun run = CliRun.of("train",
        "--train-src", dir.resolve("train.src").toString(),
        "--train-tgt", dir.resolve("train.tgt").toString(),
        "--out-dir", dir.resolve("model").toString(),
        "--tokenizer", "whitespace",
        "--emb", "32", "--hidden", "96", "--enc-layers", "1", "--dec-layers", "1",
        "--dropout", "0", "--lr", "0.01", "--batch-size", "50", "--max-steps", "600",
        "--seed", "1");
    assertEquals(0, run.exitCode(), run.err());
    return new ToyModel(dir, testSrc, testTgt);
  }

  static void write(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
