package org.nmt4j.corpora.read;

import org.nmt4j.tokenization.io.TextInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nmt4j.corpora.CorpusException;

/**
 * Decodes an XML document's bytes strictly for the StAX parser, so that an invalid byte is
 * reported as {@code file:line: invalid UTF-8 (byte 0xE9)} like in the text readers.
 *
 * <p>Why not let the parser decode: the JDK's parser reports an invalid byte without a usable
 * line and also prints {@code [Fatal Error]} on standard error, which a command-line tool must
 * not do. The encoding is found as XML 1.0 (appendix F) describes: a byte order mark, else the
 * {@code encoding} of the XML declaration, else UTF-8. The byte order mark is not passed on.
 */
final class XmlCharsetReader extends Reader {

  private static final Pattern DECLARED =
      Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final int PROLOG_BYTES = 1024;

  private final InputStream in;
  private final String file;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 14);
  private final CharBuffer chars = CharBuffer.allocate(1 << 14);
  private long newlines;
  private boolean eof;
  private boolean done;

  /**
   * @param in the document's bytes; must support mark/reset (as {@link TextInput} streams do)
   * @param file the file name for messages
   */
  XmlCharsetReader(InputStream in, String file) {
    this.in = in;
    this.file = file;
    try {
      this.charset = detect();
    } catch (IOException e) {
      throw new CorpusException(file + ": cannot read: " + TextInput.describe(e), e);
    }
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    bytes.flip();
    chars.flip();
  }

  /** The encoding in use. */
  Charset charset() {
    return charset;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  @Override
  public void close() {
    TextInput.closeQuietly(in);
  }

  /** Decodes the next chunk into {@code chars}; false at the end of the input. */
  private boolean fill() throws IOException {
    chars.clear();
    while (chars.position() == 0 && !done) {
      if (!eof) {
        bytes.compact();
        int n;
        try {
          n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        } catch (IOException e) {
          throw CorpusException.at(file, newlines + 1, "cannot read: " + TextInput.describe(e));
        }
        if (n < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
      }
      CoderResult r = decoder.decode(bytes, chars, eof);
      if (r.isError()) {
        long line = newlines + 1 + count(chars, chars.position());
        throw CorpusException.at(file, line, String.format(
            "invalid %s (byte 0x%02X)", charset.name(), bytes.get(bytes.position()) & 0xff));
      }
      if (eof && r.isUnderflow()) {
        decoder.flush(chars);
        done = true;
      }
    }
    chars.flip();
    newlines += count(chars, chars.limit());
    return chars.hasRemaining();
  }

  private static long count(CharBuffer b, int end) {
    long n = 0;
    for (int i = 0; i < end; i++) {
      if (b.get(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Reads the byte order mark or the declaration, and leaves the stream after any mark. */
  private Charset detect() throws IOException {
    in.mark(PROLOG_BYTES);
    byte[] head = in.readNBytes(PROLOG_BYTES);
    in.reset();
    int b0 = head.length > 0 ? head[0] & 0xff : -1;
    int b1 = head.length > 1 ? head[1] & 0xff : -1;
    int b2 = head.length > 2 ? head[2] & 0xff : -1;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      in.skipNBytes(3);
      return StandardCharsets.UTF_8;
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16BE;
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16LE;
    }
    if (b0 == 0x3C && b1 == 0x00) {
      return StandardCharsets.UTF_16LE;
    }
    if (b0 == 0x00 && b1 == 0x3C) {
      return StandardCharsets.UTF_16BE;
    }
    Matcher m = DECLARED.matcher(new String(head, StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      return StandardCharsets.UTF_8;
    }
    String name = m.group(1);
    if (name.toUpperCase(Locale.ROOT).startsWith("UTF-16")) {
      // a UTF-16 document would not have an ASCII declaration; trust the bytes
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw CorpusException.at(file, 1, "unsupported XML encoding '" + name + "'");
    }
  }
}
