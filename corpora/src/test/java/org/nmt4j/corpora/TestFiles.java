package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Helpers shared by the corpus tests. */
public final class TestFiles {

  private TestFiles() {}

  /** Writes UTF-8 text. */
  public static Path text(Path dir, String name, String content) {
    return bytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes raw bytes. */
  public static Path bytes(Path dir, String name, byte[] content) {
    try {
      Path p = dir.resolve(name);
      Files.write(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes gzip-compressed UTF-8 text. */
  public static Path gzip(Path dir, String name, String content) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes(dir, name, bos.toByteArray());
  }

  /** Reads a reader to the end and closes it. */
  public static List<SentencePair> readAll(ParallelCorpusReader reader) {
    List<SentencePair> out = new ArrayList<>();
    try (reader) {
      reader.forEachRemaining(out::add);
    }
    return out;
  }

  /**
   * Asserts that running {@code code} throws a corpus or text-file error (a {@link CorpusException}
   * or the line reader's {@link org.nmt4j.tokenization.io.TextFileException}) with exactly this
   * one line.
   */
  public static org.nmt4j.tokenization.io.TextFileException assertCorpusError(String expected,
      Executable code) {
    org.nmt4j.tokenization.io.TextFileException e =
        assertThrows(org.nmt4j.tokenization.io.TextFileException.class, code);
    assertEquals(expected, e.getMessage());
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"),
        "message must be one line: " + e.getMessage());
    return e;
  }
}
