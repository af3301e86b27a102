package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;

/** {@code translate --batch-tokens/--parallel-batches}: other batches, the same output. */
class BatchingFlagsTest {
  private final ToyModel toy = ToyModel.get();

  @TempDir Path tmp;

  @Test
  void batchesByTokensAndSideBySideTranslateExactlyAsOneBatchAtATime() throws IOException {
    Path in = tmp.resolve("test.src");
    ToyModel.write(in, toy.testSources);
    Path plain = tmp.resolve("plain.txt");
    CliRun a = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
        "-o", plain.toString(), "--parallel-batches", "1");
    assertEquals(0, a.exitCode(), a.err());
    Path batched = tmp.resolve("batched.txt");
    CliRun b = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
        "-o", batched.toString(), "--batch-size", "16", "--batch-tokens", "40",
        "--parallel-batches", "3");
    assertEquals(0, b.exitCode(), b.err());
    List<String> expected = Files.readAllLines(plain);
    assertEquals(toy.testSources.size(), expected.size());
    assertEquals(expected, Files.readAllLines(batched));
  }

  @Test
  void badValuesAreOneLineNamingTheFlag() throws IOException {
    Path in = tmp.resolve("in.txt");
    ToyModel.write(in, List.of("a b"));
    for (String[] flag : new String[][] {{"--batch-tokens", "-1"}, {"--parallel-batches", "-3"}}) {
      CliRun run = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
          flag[0], flag[1]);
      assertEquals(2, run.exitCode(), run.err());
      assertEquals(1, run.errLines().size(), run.err());
      assertTrue(run.err().contains(flag[0] + " must be >= 0"), run.err());
    }
  }
}
