package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;

/**
 * The quickstart's plumbing on a tiny budget (its real run, minutes long, is measured outside
 * the tests): corpus, training, model file, examples and the accuracy line.
 */
class QuickstartCommandTest {
  @TempDir Path tmp;

  @Test
  void runsEndToEndAndReportsAccuracy() {
    CliRun run = CliRun.of("quickstart", "--out-dir", tmp.toString(), "--size", "300", "--steps", "10");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isRegularFile(tmp.resolve("model.nmt4j")));
    assertTrue(Files.isRegularFile(tmp.resolve("data").resolve("test.src")));
    assertTrue(run.out().contains("three hundred forty-two"), run.out());
    assertTrue(run.out().matches("(?s).*exact match on 1000 held-out numbers: \\d+\\.\\d% \\(\\d+/1000\\).*"),
        run.out());
  }

  @Test
  void badStepsAreRejected() {
    CliRun run = CliRun.of("quickstart", "--out-dir", tmp.toString(), "--steps", "0");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--max-steps must be >= 1"), run.err());
  }
}
