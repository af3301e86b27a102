package org.nmt4j.translator.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the entries of a zip archive written by nmt4j, checking what a hostile or damaged file
 * could get wrong: entry names with {@code ..}, absolute paths, backslashes or duplicates are
 * refused, and every entry's CRC-32 is verified as it is read, so corruption is found before any
 * content is used. Nothing is ever extracted to disk. Every problem is a {@link
 * ModelFileException} whose message starts with the file name.
 */
public final class SafeZipReader implements Closeable {
  /** Reads one entry's content. */
  @FunctionalInterface
  public interface EntryReader<T> {
    /** Reads from the entry's stream (which the caller closes). */
    T read(InputStream in) throws IOException;
  }

  private final Path file;
  private final ZipFile zip;
  private final Map<String, ZipEntry> entries;

  private SafeZipReader(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
    this.file = file;
    this.zip = zip;
    this.entries = entries;
  }

  /**
   * Opens an archive and checks its entry names.
   *
   * @param file the archive
   * @param kind what the file should be, for messages (e.g. "nmt4j model")
   */
  public static SafeZipReader open(Path file, String kind) {
    if (java.nio.file.Files.isDirectory(file)) {
      throw new ModelFileException(file + ": is a directory, not a file");
    }
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new ModelFileException(file + ": no such file");
    } catch (ZipException e) {
      throw new ModelFileException(
          file + ": not a valid " + kind + " file (corrupt or truncated zip: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new ModelFileException(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      Map<String, ZipEntry> map = new LinkedHashMap<>();
      Enumeration<? extends ZipEntry> en = zip.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        String name = e.getName();
        String why = unsafe(name);
        if (why != null) {
          throw new ModelFileException(file + ": unsafe entry name '" + name + "' (" + why + ")");
        }
        if (map.put(name, e) != null) {
          throw new ModelFileException(file + ": duplicate entry '" + name + "'");
        }
      }
      return new SafeZipReader(file, zip, map);
    } catch (RuntimeException e) {
      closeQuietly(zip);
      if (e instanceof ModelFileException) {
        throw e;
      }
      throw new ModelFileException(file + ": not a valid " + kind + " file (" + e.getMessage() + ")", e);
    }
  }

  /** Why a name is unsafe, or null if it is a plain relative path. */
  static String unsafe(String name) {
    if (name.isEmpty()) {
      return "empty";
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      return "absolute path";
    }
    if (name.indexOf('\\') >= 0) {
      return "backslash";
    }
    if (name.indexOf('\0') >= 0) {
      return "NUL character";
    }
    for (String part : name.split("/", -1)) {
      if (part.equals("..")) {
        return "parent directory '..'";
      }
    }
    return null;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** Entry names in archive order. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
  }

  /** Whether an entry exists. */
  public boolean has(String name) {
    return entries.containsKey(name);
  }

  /** An entry's whole content; fails if the entry is missing or damaged. */
  public byte[] bytes(String name) {
    return read(name, InputStream::readAllBytes);
  }

  /** An entry's content as UTF-8 text. */
  public String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Reads an entry with {@code reader}, then reads any rest of it and checks its CRC-32.
   *
   * @throws ModelFileException when the entry is missing, cannot be inflated, fails its checksum
   *     or the reader fails
   */
  public <T> T read(String name, EntryReader<T> reader) {
    ZipEntry e = entries.get(name);
    if (e == null) {
      throw new ModelFileException(file + ": missing entry '" + name + "'");
    }
    T result;
    try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
      try {
        result = reader.read(in);
      } catch (RuntimeException ex) {
        // a parser failing on damaged bytes: report the damage rather than the parser's symptom
        drain(in);
        checkCrc(e, in);
        throw ex;
      }
      drain(in);
      checkCrc(e, in);
    } catch (ModelFileException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw new ModelFileException(
          file + ": entry '" + name + "' is corrupt or truncated (" + ex.getMessage() + ")", ex);
    }
    return result;
  }

  private void checkCrc(ZipEntry e, CheckedInputStream in) {
    if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
      throw new ModelFileException(
          file + ": entry '" + e.getName() + "' is corrupt (checksum mismatch)");
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    while (in.read(buf) >= 0) {
      // discard: only the checksum of the rest is needed
    }
  }

  @Override
  public void close() {
    closeQuietly(zip);
  }

  private static void closeQuietly(ZipFile z) {
    try {
      z.close();
    } catch (IOException e) {
      // reading is over; nothing to recover
    }
  }
}
