package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.translate.ToyModels;

/** No command may write over one of its inputs: exit 2, one line, the input untouched. */
class OutputPathsTest {
  @TempDir Path dir;

  private static void assertRefused(Path input, CliRun run) throws IOException {
    assertEquals(Main.EXIT_USAGE, run.exitCode(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("is the same file as") && run.err().contains(input.toString()),
        run.err());
  }

  @Test
  void translateRefusesToOverwriteItsModelOrInput() throws IOException {
    Path model = dir.resolve("m.nmt4j");
    Files.copy(ToyModels.trainedModel(), model);
    byte[] modelBytes = Files.readAllBytes(model);
    Path src = Files.writeString(dir.resolve("test.src"), "a b\n");

    assertRefused(model, CliRun.of("translate", "-m", model.toString(), "-i", src.toString(),
        "-o", model.toString()));
    assertArrayEquals(modelBytes, Files.readAllBytes(model));
    assertRefused(src, CliRun.of("translate", "-m", model.toString(), "-i", src.toString(),
        "-o", src.toString()));
    assertEquals("a b\n", Files.readString(src));

    // a link to the input is the input
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), src);
    assertRefused(src, CliRun.of("translate", "-m", model.toString(), "-i", src.toString(),
        "-o", link.toString()));
    assertEquals("a b\n", Files.readString(src));
  }

  @Test
  void scoreEvaluateAndAverageRefuseToo() throws IOException {
    Path model = ToyModels.trainedModel();
    Path src = Files.writeString(dir.resolve("s.txt"), "a b\n");
    Path tgt = Files.writeString(dir.resolve("t.txt"), "b a\n");
    assertRefused(src, CliRun.of("score", "-m", model.toString(), "--src", src.toString(),
        "--tgt", tgt.toString(), "-o", src.toString()));
    assertRefused(tgt, CliRun.of("evaluate", "-m", model.toString(), "--src", src.toString(),
        "--ref", tgt.toString(), "-o", tgt.toString()));
    Path copy = dir.resolve("copy.nmt4j");
    Files.copy(model, copy);
    assertRefused(copy, CliRun.of("average", "-o", copy.toString(), model.toString(),
        copy.toString()));
    assertEquals("a b\n", Files.readString(src));
    assertEquals("b a\n", Files.readString(tgt));
  }

  @Test
  void trainRefusesAnOutDirFileThatIsAnInput() throws IOException {
    Path src = Files.writeString(dir.resolve("config.yaml"), "a b\n");
    Path tgt = Files.writeString(dir.resolve("t.txt"), "b a\n");
    assertRefused(src, CliRun.of("train", "--train-src", src.toString(), "--train-tgt",
        tgt.toString(), "--out-dir", dir.toString()));
    assertEquals("a b\n", Files.readString(src));
  }
}
