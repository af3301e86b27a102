package org.nmt4j.translator.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes result files so that a reader never sees a half-written one: the content goes to a
 * temporary file in the target's directory, which is then renamed over the target in one step.
 * A crash leaves either the old file or the new one (and at worst a stray temporary file). The
 * mechanism is {@link org.nmt4j.tokenization.io.AtomicFiles}; this adds directory creation and
 * the byte and string forms the translator uses.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file's content to a stream. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the whole content; the stream is closed by the caller. */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically.
   *
   * @param target the file to create or replace; its directory is created if missing
   * @param writer produces the content
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    org.nmt4j.tokenization.io.AtomicFiles.write(abs, writer::write);
  }

  /** Writes bytes atomically. */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, out -> out.write(content));
  }

  /** Writes UTF-8 text atomically. */
  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #writeString} for callers that cannot throw checked exceptions. */
  public static void writeStringUnchecked(Path target, String content) {
    try {
      writeString(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
    }
  }
}
