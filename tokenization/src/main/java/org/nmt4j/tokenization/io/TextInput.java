package org.nmt4j.tokenization.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a text file as bytes, decompressing gzip transparently.
 *
 * <p>Compression is recognised by the gzip magic bytes {@code 1f 8b}, so a compressed file works
 * whatever its name; a file whose name ends in {@code .gz} but that is not gzip data is an error
 * rather than being read as plain text, because that is almost always a mistake.
 */
public final class TextInput {

  private static final int BUFFER = 1 << 16;

  private TextInput() {}

  /**
   * Opens a file for reading.
   *
   * @param path the file
   * @return a buffered stream of its (decompressed) bytes; the caller closes it
   * @throws TextFileException if the file is missing, unreadable, a directory, or named {@code
   *     .gz} without being gzip data
   */
  public static InputStream open(Path path) {
    String name = path.toString();
    if (Files.isDirectory(path)) {
      throw new TextFileException(name, 0, "is a directory, not a file", null);
    }
    InputStream raw;
    try {
      raw = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new TextFileException(name, 0, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new TextFileException(name, 0, "permission denied", e);
    } catch (IOException e) {
      throw new TextFileException(name, 0, "cannot open: " + e.getMessage(), e);
    }
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    try {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
      }
      if (name.toLowerCase(Locale.ROOT).endsWith(".gz")) {
        in.close();
        throw new TextFileException(name, 0, "named .gz but is not gzip-compressed", null);
      }
      return in;
    } catch (IOException e) {
      closeQuietly(in);
      throw new TextFileException(name, 0, "cannot read: " + describe(e), e);
    }
  }

  /**
   * A short description of a read error, naming the usual gzip problems plainly.
   *
   * @param e the error
   * @return e.g. {@code truncated gzip file (the compressed data ends unexpectedly)}
   */
  public static String describe(IOException e) {
    if (e instanceof EOFException) {
      return "truncated gzip file (the compressed data ends unexpectedly)";
    }
    if (e instanceof ZipException) {
      return "corrupt gzip data (" + e.getMessage() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Closes an input that was only read, ignoring errors: nothing read can be lost by closing.
   *
   * @param c the input, or null
   */
  public static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // the input was only read, so a failure to close loses nothing
    }
  }
}
