package org.nmt4j.corpora.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nmt4j.corpora.CorpusException;

/**
 * Opens a corpus file as bytes, decompressing gzip transparently.
 *
 * <p>Compression is recognised by the gzip magic bytes {@code 1f 8b}, so a compressed file works
 * whatever its name; a file whose name ends in {@code .gz} but that is not gzip data is an error
 * rather than being read as plain text, because that is almost always a mistake.
 */
public final class CorpusInput {

  private static final int BUFFER = 1 << 16;

  private CorpusInput() {}

  /**
   * Opens a file for reading.
   *
   * @param path the file
   * @return a buffered stream of its (decompressed) bytes; the caller closes it
   * @throws CorpusException if the file is missing, unreadable, a directory, or named {@code .gz}
   *     without being gzip data
   */
  public static InputStream open(Path path) {
    String name = path.toString();
    if (Files.isDirectory(path)) {
      throw new CorpusException(name + ": is a directory, not a corpus file");
    }
    InputStream raw;
    try {
      raw = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new CorpusException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new CorpusException(name + ": permission denied");
    } catch (IOException e) {
      throw new CorpusException(name + ": cannot open: " + e.getMessage(), e);
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
      if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
        in.close();
        throw new CorpusException(name + ": named .gz but is not gzip-compressed");
      }
      return in;
    } catch (IOException e) {
      Closeables.closeQuietly(in);
      throw new CorpusException(name + ": cannot read: " + describe(e), e);
    }
  }

  /** A short description of a read error, naming the usual gzip problems plainly. */
  static String describe(IOException e) {
    if (e instanceof EOFException) {
      return "unexpected end of compressed data (truncated gzip file?)";
    }
    if (e instanceof ZipException) {
      return "corrupt gzip data (" + e.getMessage() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
