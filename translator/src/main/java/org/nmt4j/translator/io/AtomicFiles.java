package org.nmt4j.translator.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes result files so that a reader never sees a half-written one: the content goes to a
 * temporary file in the target's directory, which is then renamed over the target in one step.
 * A crash leaves either the old file or the new one (and at worst a stray temporary file).
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

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
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    // not Files.createTempFile: its owner-only permissions would carry over to the result file
    Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        writer.write(out);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
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
