package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.translate.ToyModels;

/** Bad input gets one line naming the file and what is wrong, and exit code 1. */
class BadInputMessagesTest {
  @TempDir Path dir;

  private static void assertError(String expected, CliRun run) {
    assertEquals(Main.EXIT_FAILURE, run.exitCode(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertEquals(expected, run.errLines().get(0));
  }

  private Path truncatedGzip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < 20_000; i++) {
        gz.write(("t" + i + " t" + (i * 7) + " t" + (i % 13) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] all = bytes.toByteArray();
    return Files.write(dir.resolve("cut.gz"), Arrays.copyOf(all, all.length / 2));
  }

  @Test
  void aTruncatedGzipIsNamedAndCalledTruncated() throws IOException {
    Path cut = truncatedGzip();
    String model = ToyModels.trainedModel().toString();
    Path out = dir.resolve("out.txt");
    CliRun written = CliRun.of("translate", "-m", model, "-i", cut.toString(), "-o", out.toString());
    assertEquals(Main.EXIT_FAILURE, written.exitCode(), written.err());
    assertTrue(written.err().matches("(?s)nmt4j translate: error: " + java.util.regex.Pattern.quote(
        cut.toString()) + ":\\d+: cannot read: truncated gzip file \\(the compressed data ends "
        + "unexpectedly\\)\\s*"), written.err());
    assertFalse(Files.exists(out));
    CliRun evaluated = CliRun.of("evaluate", "--hyp", cut.toString(), "--ref", cut.toString());
    assertTrue(evaluated.err().contains(cut + ":") && evaluated.err().contains("truncated gzip"),
        evaluated.err());
  }

  @Test
  void aDirectoryGivenAsAFileIsCalledADirectory() throws IOException {
    String model = ToyModels.trainedModel().toString();
    Path in = Files.writeString(dir.resolve("in.txt"), "a\n");
    assertError("nmt4j translate: error: " + dir + ": is a directory, not a file",
        CliRun.of("translate", "-m", model, "-i", dir.toString()));
    assertError("nmt4j translate: error: " + dir + ": is a directory, not a file",
        CliRun.of("translate", "-m", dir.toString(), "-i", in.toString()));
  }

  @Test
  void anOutDirThatIsARegularFileIsSaidSo() throws IOException {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    Path src = Files.writeString(dir.resolve("s.txt"), "a b\n");
    assertError("nmt4j train: error: " + file + ": exists and is not a directory",
        CliRun.of("train", "--train-src", src.toString(), "--train-tgt", src.toString(),
            "--out-dir", file.toString()));
    assertError("nmt4j corpus generate: error: " + file + ": exists and is not a directory",
        CliRun.of("corpus", "generate", "--task", "copy", "--size", "10", "--out-dir",
            file.toString()));
  }

  @Test
  void duplicateXmlAttributesAreDescribedNotKeyed() throws IOException {
    Path tmx = Files.writeString(dir.resolve("dup.tmx"), "<?xml version=\"1.0\"?>\n"
        + "<tmx version=\"1.4\"><header srclang=\"en\" srclang=\"de\"/><body>\n"
        + "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"de\"><seg>b</seg></tuv></tu>\n"
        + "</body></tmx>\n");
    assertError("nmt4j corpus check: error: " + tmx + ":2: malformed XML: attribute 'srclang' "
        + "appears twice in <header>", CliRun.of("corpus", "check", "--tmx", tmx.toString(),
        "--src-lang", "en", "--tgt-lang", "de"));
  }
}
