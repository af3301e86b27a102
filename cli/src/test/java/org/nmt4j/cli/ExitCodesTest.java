package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.translate.ToyModels;

/** A flag value out of range is a bad command line: exit code 2 and one line naming the flag. */
class ExitCodesTest {
  @TempDir Path dir;

  private static void assertUsage(String flag, CliRun run) {
    assertEquals(Main.EXIT_USAGE, run.exitCode(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains(flag), run.err());
  }

  @Test
  void outOfRangeTranslateFlagsExitWith2() throws IOException {
    Path in = Files.writeString(dir.resolve("in.txt"), "a b\n");
    String model = ToyModels.trainedModel().toString();
    assertUsage("--top-p must be in (0, 1]", CliRun.of("translate", "-m", model, "-i",
        in.toString(), "--sample", "--top-p", "1.5"));
    assertUsage("--batch-size must be >= 1, got -1",
        CliRun.of("translate", "-m", model, "-i", in.toString(), "--batch-size", "-1"));
    assertUsage("--batch-size must be >= 1, got 0", CliRun.of("score", "-m", model, "--src",
        in.toString(), "--tgt", in.toString(), "--batch-size", "0"));
  }

  @Test
  void outOfRangeTrainFlagsExitWith2() throws IOException {
    Path src = Files.writeString(dir.resolve("s.txt"), "a b\n");
    for (String[] flag : new String[][] {{"--lr", "NaN"}, {"--batch-size", "-1"},
        {"--dropout", "1.5"}}) {
      CliRun run = CliRun.of("train", "--train-src", src.toString(), "--train-tgt",
          src.toString(), "--out-dir", dir.resolve("out").toString(), flag[0], flag[1]);
      assertUsage(flag[0] + ":", run);
      assertTrue(run.err().startsWith("nmt4j train: error: "), run.err());
    }
    assertTrue(Files.notExists(dir.resolve("out")), "nothing is written for a bad command line");
  }

  @Test
  void anUnknownProductLibraryIsOneLineAndExit2() {
    String was = System.getProperty("nmt4j.gemm");
    try {
      System.setProperty("nmt4j.gemm", "mkl");
      CliRun run = CliRun.of("bench", "translate");
      assertUsage("-Dnmt4j.gemm must be dnnl or openblas, got 'mkl'", run);
      assertTrue(run.err().startsWith("nmt4j: error: "), run.err());
    } finally {
      if (was == null) {
        System.clearProperty("nmt4j.gemm");
      } else {
        System.setProperty("nmt4j.gemm", was);
      }
    }
  }

  @Test
  void outOfRangeCorpusGenerateFlagsExitWith2() {
    assertUsage("--size must be", CliRun.of("corpus", "generate", "--task", "copy", "--size", "-3",
        "--out-dir", dir.toString()));
  }

  @Test
  void corpusCheckHelpListsEachOptionOnce() {
    CliRun help = CliRun.of("corpus", "check", "--help");
    assertEquals(0, help.exitCode());
    for (String option : new String[] {"--src=FILE", "--tgt=FILE", "--tsv=FILE"}) {
      long listed = help.out().lines().filter(l -> l.strip().startsWith(option)).count();
      assertEquals(1, listed, option + " in:\n" + help.out());
    }
    CliRun half = CliRun.of("corpus", "check", "--src", "a.txt");
    assertUsage("--src and --tgt must be given together", half);
  }

  @Test
  void hugeRequestsAreRefusedUpFront() throws IOException {
    assertUsage("--size must be in 1..5000000", CliRun.of("corpus", "generate", "--task", "copy",
        "--size", "2000000000", "--out-dir", dir.resolve("huge").toString()));
    assertTrue(Files.notExists(dir.resolve("huge")));
    Path in = Files.writeString(dir.resolve("in.txt"), "a b\n");
    assertUsage("--n-samples must be in 1..1000, got 100000", CliRun.of("translate", "-m",
        ToyModels.trainedModel().toString(), "-i", in.toString(), "--sample", "--n-samples",
        "100000"));
  }

  @Test
  void anInterruptedCorpusGenerateLeavesNoPartialFile() throws Exception {
    Path out = dir.resolve("corpus");
    java.util.List<String> cmd = java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "corpus", "generate", "--task", "copy", "--size", "5000000", "--out-dir", out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("console").toFile()).start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    boolean writing = false;
    while (!writing && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      if (Files.isDirectory(out)) {
        try (var files = Files.list(out)) {
          writing = files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
      }
    }
    assertTrue(writing && p.isAlive(), Files.readString(dir.resolve("console")));
    p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
    assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    try (var files = Files.list(out)) {
      assertEquals(java.util.List.of(), files.toList(), "no partial or temporary file");
    }
  }
}
