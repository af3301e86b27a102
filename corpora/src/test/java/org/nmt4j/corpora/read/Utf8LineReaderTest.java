package org.nmt4j.corpora.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nmt4j.corpora.TestFiles.assertCorpusError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusException;
import org.nmt4j.corpora.TestFiles;

class Utf8LineReaderTest {

  @TempDir Path dir;

  private static List<String> lines(Path p) {
    List<String> out = new ArrayList<>();
    try (Utf8LineReader r = Utf8LineReader.open(p)) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.add(l);
        assertEquals(out.size(), r.lineNumber());
      }
    }
    return out;
  }

  @Test
  void readsLinesWithAndWithoutFinalNewline() {
    assertEquals(List.of("a", "b"), lines(TestFiles.text(dir, "x", "a\nb\n")));
    assertEquals(List.of("a", "b"), lines(TestFiles.text(dir, "y", "a\nb")));
    assertEquals(List.of("a", "", "b"), lines(TestFiles.text(dir, "z", "a\n\nb\n")));
    assertEquals(List.of(), lines(TestFiles.text(dir, "empty", "")));
  }

  @Test
  void crLfIsALineEndingAndTheBomIsNotText() {
    assertEquals(List.of("é", "b"), lines(TestFiles.text(dir, "x", "\uFEFFé\r\nb\r\n")));
    // a BOM is only special at the start of the file
    assertEquals(List.of("a", "\uFEFFb"), lines(TestFiles.text(dir, "y", "a\n\uFEFFb\n")));
  }

  @Test
  void decodesMultiByteCharactersAndLongLines() {
    String longLine = "Grüße ".repeat(50_000) + "日本語 😀";
    assertEquals(List.of("Über", longLine, "x"),
        lines(TestFiles.text(dir, "x", "Über\n" + longLine + "\nx\n")));
  }

  @Test
  void invalidUtf8NamesFileLineAndByte() {
    byte[] bytes = {'o', 'k', '\n', 'a', 'b', (byte) 0xFF, 'c', '\n'};
    Path p = TestFiles.bytes(dir, "bad.de", bytes);
    assertCorpusError(p + ":2: invalid UTF-8 (byte 0xFF at byte 3 of the line)", () -> lines(p));
  }

  @Test
  void truncatedSequenceAndOverlongFormAreInvalid() {
    Path truncated = TestFiles.bytes(dir, "t", new byte[] {'a', (byte) 0xC3, '\n'});
    assertCorpusError(truncated + ":1: invalid UTF-8 (byte 0xC3 at byte 2 of the line)",
        () -> lines(truncated));
    Path overlong = TestFiles.bytes(dir, "o", new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'});
    assertCorpusError(overlong + ":1: invalid UTF-8 (byte 0xC0 at byte 1 of the line)",
        () -> lines(overlong));
  }

  @Test
  void countToEndCountsTheRemainingLines() {
    Path p = TestFiles.text(dir, "x", "a\nb\nc\nd");
    try (Utf8LineReader r = Utf8LineReader.open(p)) {
      r.readLine();
      assertEquals(4, r.countToEnd());
      assertNull(r.readLine());
    }
  }

  @Test
  void gzipIsReadTransparentlyByMagicBytes() {
    assertEquals(List.of("a", "ü"), lines(TestFiles.gzip(dir, "x.gz", "a\nü\n")));
    assertEquals(List.of("a", "ü"), lines(TestFiles.gzip(dir, "no-suffix", "a\nü\n")));
  }

  @Test
  void badFilesGiveOneLineErrors() {
    Path fake = TestFiles.text(dir, "plain.gz", "not compressed\n");
    assertCorpusError(fake + ": named .gz but is not gzip-compressed", () -> lines(fake));
    Path missing = dir.resolve("missing.txt");
    assertCorpusError(missing + ": no such file", () -> lines(missing));
    assertCorpusError(dir + ": is a directory, not a corpus file", () -> lines(dir));
  }

  @Test
  void truncatedGzipIsReportedAtTheLineReached() throws Exception {
    Path full = TestFiles.gzip(dir, "full.gz", "line\n".repeat(100_000));
    byte[] bytes = Files.readAllBytes(full);
    Path cut = TestFiles.bytes(dir, "cut.gz", Arrays.copyOf(bytes, bytes.length / 2));
    CorpusException e = assertThrows(CorpusException.class, () -> lines(cut));
    assertTrue(
        e.getMessage().matches(Pattern.quote(cut.toString())
            + ":\\d+: cannot read: unexpected end of compressed data \\(truncated gzip file\\?\\)"),
        e.getMessage());
  }
}
