package org.nmt4j.tokenization.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;
import org.nmt4j.tokenization.MalformedFileException;

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
    assertEquals(List.of("a", "b"), lines(text(dir, "x", "a\nb\n")));
    assertEquals(List.of("a", "b"), lines(text(dir, "y", "a\nb")));
    assertEquals(List.of("a", "", "b"), lines(text(dir, "z", "a\n\nb\n")));
    assertEquals(List.of(), lines(text(dir, "empty", "")));
  }

  @Test
  void crLfIsALineEndingAndTheBomIsNotText() {
    assertEquals(List.of("é", "b"), lines(text(dir, "x", "\uFEFFé\r\nb\r\n")));
    // a BOM is only special at the start of the file
    assertEquals(List.of("a", "\uFEFFb"), lines(text(dir, "y", "a\n\uFEFFb\n")));
  }

  @Test
  void decodesMultiByteCharactersAndLongLines() {
    String longLine = "Grüße ".repeat(50_000) + "日本語 😀";
    assertEquals(List.of("Über", longLine, "x"),
        lines(text(dir, "x", "Über\n" + longLine + "\nx\n")));
  }

  @Test
  void invalidUtf8NamesFileLineAndByte() {
    byte[] bytes = {'o', 'k', '\n', 'a', 'b', (byte) 0xFF, 'c', '\n'};
    Path p = bytes(dir, "bad.de", bytes);
    assertTextError(p + ":2: invalid UTF-8 (byte 0xFF at byte 3 of the line)", () -> lines(p));
  }

  @Test
  void truncatedSequenceAndOverlongFormAreInvalid() {
    Path truncated = bytes(dir, "t", new byte[] {'a', (byte) 0xC3, '\n'});
    assertTextError(truncated + ":1: invalid UTF-8 (byte 0xC3 at byte 2 of the line)",
        () -> lines(truncated));
    Path overlong = bytes(dir, "o", new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'});
    assertTextError(overlong + ":1: invalid UTF-8 (byte 0xC0 at byte 1 of the line)",
        () -> lines(overlong));
  }

  @Test
  void countToEndCountsTheRemainingLines() {
    Path p = text(dir, "x", "a\nb\nc\nd");
    try (Utf8LineReader r = Utf8LineReader.open(p)) {
      r.readLine();
      assertEquals(4, r.countToEnd());
      assertNull(r.readLine());
    }
  }

  @Test
  void gzipIsReadTransparentlyByMagicBytes() {
    assertEquals(List.of("a", "ü"), lines(gzip(dir, "x.gz", "a\nü\n")));
    assertEquals(List.of("a", "ü"), lines(gzip(dir, "no-suffix", "a\nü\n")));
  }

  @Test
  void badFilesGiveOneLineErrors() {
    Path fake = text(dir, "plain.gz", "not compressed\n");
    assertTextError(fake + ": named .gz but is not gzip-compressed", () -> lines(fake));
    Path missing = dir.resolve("missing.txt");
    assertTextError(missing + ": no such file", () -> lines(missing));
    assertTextError(dir + ": is a directory, not a file", () -> lines(dir));
  }

  @Test
  void truncatedGzipIsReportedAtTheLineReached() throws Exception {
    Path full = gzip(dir, "full.gz", "line\n".repeat(100_000));
    byte[] bytes = Files.readAllBytes(full);
    Path cut = bytes(dir, "cut.gz", Arrays.copyOf(bytes, bytes.length / 2));
    TextFileException e = assertThrows(TextFileException.class, () -> lines(cut));
    assertTrue(
        e.getMessage().matches(Pattern.quote(cut.toString())
            + ":\\d+: cannot read: truncated gzip file \\(the compressed data ends unexpectedly\\)"),
        e.getMessage());
  }

  @Test
  void lfOnlyKeepsCarriageReturnsAndTheBomAsSacreBleuDoes() {
    Path p = text(dir, "hyp", "\uFEFFa \r\nb\rc\n");
    assertEquals(List.of("\uFEFFa \r", "b\rc"), Utf8LineReader.readAll(p, Utf8LineReader.LineEnding.LF_ONLY));
    assertEquals(List.of("a ", "b\rc"), Utf8LineReader.readAll(p, Utf8LineReader.LineEnding.TEXT));
  }

  @Test
  void checkedReadsOfSmallFilesNameTheLine() {
    byte[] bytes = {'o', 'k', '\r', '\n', 'b', (byte) 0xFF, '\n'};
    MalformedFileException e = assertThrows(MalformedFileException.class,
        () -> Utf8LineReader.readAllChecked(new ByteArrayInputStream(bytes), "vocab.tsv"));
    assertEquals("vocab.tsv:2: invalid UTF-8 (byte 0xFF at byte 2 of the line)", e.getMessage());
    assertEquals(2, e.line());
  }

  private static TextFileException assertTextError(String expected, Executable code) {
    TextFileException e = assertThrows(TextFileException.class, code);
    assertEquals(expected, e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e;
  }

  private static Path text(Path dir, String name, String content) {
    return bytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Path bytes(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path gzip(Path dir, String name, String content) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes(dir, name, bos.toByteArray());
  }
}
