package org.nmt4j.tokenization.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.tokenization.MalformedFileException;

/**
 * The one reader of text lines in nmt4j: strictly valid UTF-8, reporting the exact line of a bad
 * byte ({@code FILE:LINE: invalid UTF-8 (byte 0xFF at byte 3 of the line)}).
 *
 * <p>A {@code BufferedReader} cannot say which line holds an invalid byte because it decodes
 * ahead of the line it returns, so this reader splits the raw bytes at {@code \n} first and
 * decodes each line on its own with a {@link CharsetDecoder} set to {@link
 * CodingErrorAction#REPORT}.
 *
 * <p>Line rules ({@link LineEnding#TEXT}, the default): lines end at {@code \n}; one {@code \r}
 * just before it is part of the line ending ({@code \r\n} files read the same as {@code \n}
 * files); a last line without {@code \n} still counts; a UTF-8 byte order mark at the very start
 * of the file is not part of the first line. {@link LineEnding#LF_ONLY} keeps both, as sacreBLEU
 * reads files ({@code newline="\n"}, plain {@code utf-8}), for scores that match it. Not
 * thread-safe.
 */
public final class Utf8LineReader implements Closeable {

  /** What belongs to the line ending. */
  public enum LineEnding {
    /** {@code \n} or {@code \r\n}; a leading byte order mark is dropped. */
    TEXT,
    /** {@code \n} only: a {@code \r} and a byte order mark stay in the line (sacreBLEU). */
    LF_ONLY
  }

  private final InputStream in;
  private final LineEnding ending;
  private final String file;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] line = new byte[256];
  private CharBuffer chars = CharBuffer.allocate(256);
  private long lineNumber;
  private boolean bomChecked;

  /**
   * @param in the bytes to read (this reader closes it)
   * @param file the file name used in messages
   */
  public Utf8LineReader(InputStream in, String file) {
    this(in, file, LineEnding.TEXT);
  }

  /**
   * @param in the bytes to read (this reader closes it)
   * @param file the file name used in messages
   * @param ending what belongs to the line ending
   */
  public Utf8LineReader(InputStream in, String file, LineEnding ending) {
    this.in = in;
    this.file = file;
    this.ending = ending;
  }

  /**
   * Opens a file, decompressing gzip transparently (see {@link TextInput}).
   *
   * @param path the file; its {@code toString()} names it in messages
   * @return a reader positioned before the first line
   * @throws TextFileException when the file cannot be opened
   */
  public static Utf8LineReader open(Path path) {
    return open(path, LineEnding.TEXT);
  }

  /**
   * Opens a file, decompressing gzip transparently (see {@link TextInput}).
   *
   * @param path the file; its {@code toString()} names it in messages
   * @param ending what belongs to the line ending
   * @return a reader positioned before the first line
   * @throws TextFileException when the file cannot be opened
   */
  public static Utf8LineReader open(Path path, LineEnding ending) {
    return new Utf8LineReader(TextInput.open(path), path.toString(), ending);
  }

  /**
   * Reads all lines of a file (plain or gzip).
   *
   * @param path the file
   * @param ending what belongs to the line ending
   * @return its lines without line endings
   * @throws TextFileException naming the file (and line) of a problem
   */
  public static List<String> readAll(Path path, LineEnding ending) {
    try (Utf8LineReader r = open(path, ending)) {
      return r.readRemaining();
    }
  }

  /**
   * Reads all lines of a small file, such as a vocabulary, with the {@link LineEnding#TEXT}
   * rules.
   *
   * @param path the file
   * @return its lines without line endings
   * @throws MalformedFileException naming the file and line of invalid UTF-8 or a read error
   * @throws java.nio.file.NoSuchFileException when the file does not exist (and {@link
   *     java.nio.file.AccessDeniedException} when it may not be read), for callers that name the
   *     option that gave the file
   */
  public static List<String> readAllChecked(Path path) throws java.io.IOException {
    try {
      return readAll(path, LineEnding.TEXT);
    } catch (TextFileException e) {
      if (e.getCause() instanceof java.nio.file.NoSuchFileException
          || e.getCause() instanceof java.nio.file.AccessDeniedException) {
        throw (java.io.IOException) e.getCause();
      }
      throw new MalformedFileException(e.file(), (int) e.line(), e.problem());
    }
  }

  /**
   * Reads all lines of a stream, such as a zip entry, with the {@link LineEnding#TEXT} rules.
   *
   * @param stream the bytes (read to the end, not closed)
   * @param name names the stream in errors
   * @return its lines without line endings
   * @throws MalformedFileException naming the stream and line of invalid UTF-8 or a read error
   */
  public static List<String> readAllChecked(InputStream stream, String name)
      throws MalformedFileException {
    InputStream unclosable = new java.io.FilterInputStream(stream) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    };
    try (Utf8LineReader r = new Utf8LineReader(unclosable, name)) {
      return r.readRemaining();
    } catch (TextFileException e) {
      throw new MalformedFileException(e.file(), (int) e.line(), e.problem());
    }
  }

  /**
   * Reads the lines left.
   *
   * @return them, without line endings
   * @throws TextFileException at the first bad line
   */
  public List<String> readRemaining() {
    List<String> lines = new ArrayList<>();
    for (String l = readLine(); l != null; l = readLine()) {
      lines.add(l);
    }
    return lines;
  }

  /** The file name used in messages. */
  public String file() {
    return file;
  }

  /** The 1-based number of the line last returned by {@link #readLine()} (0 before the first). */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * Reads the next line.
   *
   * @return the line without its line ending, or null at the end of the input
   * @throws TextFileException {@code file:line: invalid UTF-8 ...} or a read error
   */
  public String readLine() {
    int len = nextLineBytes();
    if (len < 0) {
      return null;
    }
    lineNumber++;
    int start = 0;
    if (!bomChecked && ending == LineEnding.TEXT) {
      bomChecked = true;
      if (len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
        start = 3;
      }
    }
    if (ending == LineEnding.TEXT && len > start && line[len - 1] == '\r') {
      len--;
    }
    return decode(start, len);
  }

  /**
   * Counts the lines left without decoding them, leaving the reader at the end; used to report
   * both line counts when aligned files differ.
   *
   * @return the total number of lines of the input (those already read included)
   */
  public long countToEnd() {
    while (nextLineBytes() >= 0) {
      lineNumber++;
    }
    return lineNumber;
  }

  @Override
  public void close() {
    TextInput.closeQuietly(in);
  }

  /** Copies the next line's bytes (without the {@code \n}) into {@code line}; -1 at the end. */
  private int nextLineBytes() {
    int len = 0;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          return any ? len : -1;
        }
      }
      any = true;
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      int n = end - pos;
      if (len + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
      }
      System.arraycopy(buf, pos, line, len, n);
      len += n;
      if (nl >= 0) {
        pos = nl + 1;
        return len;
      }
      pos = limit;
    }
  }

  private boolean fill() {
    try {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    } catch (IOException e) {
      throw new TextFileException(file, lineNumber + 1, "cannot read: " + TextInput.describe(e), e);
    }
  }

  private String decode(int start, int end) {
    boolean ascii = true;
    for (int i = start; i < end; i++) {
      if (line[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      // pure ASCII is valid UTF-8 and ISO-8859-1 decodes it byte for byte, fast
      return new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    }
    ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
    if (chars.capacity() < end - start) {
      chars = CharBuffer.allocate(end - start);
    }
    chars.clear();
    decoder.reset();
    CoderResult r = decoder.decode(bytes, chars, true);
    if (!r.isError()) {
      r = decoder.flush(chars);
    }
    if (r.isError()) {
      int offset = bytes.position() - start;
      throw new TextFileException(
          file,
          lineNumber,
          String.format(
              "invalid UTF-8 (byte 0x%02X at byte %d of the line)",
              line[bytes.position()] & 0xff,
              offset + 1),
          null);
    }
    chars.flip();
    return chars.toString();
  }
}
