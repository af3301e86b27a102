package org.nmt4j.tokenization.io;

/**
 * A text file the user must fix or replace: invalid UTF-8, a truncated gzip file, a directory
 * where a file was expected. The message is one line, {@code FILE:LINE: what is wrong} (or
 * {@code FILE: what is wrong} for the file as a whole), fit to show a user as it is.
 */
public class TextFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String problem;

  /**
   * @param file the file as the user named it
   * @param line 1-based line number, or 0 for the file as a whole
   * @param problem what is wrong, without the location
   * @param cause the underlying exception (kept for {@code --verbose}), or null
   */
  public TextFileException(String file, long line, String problem, Throwable cause) {
    super(oneLine((line > 0 ? file + ":" + line : file) + ": " + problem), cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /**
   * A problem described by a whole message, for subclasses whose messages are not tied to one
   * file.
   *
   * @param message one line (line breaks are replaced by spaces)
   * @param cause the underlying exception, or null
   */
  protected TextFileException(String message, Throwable cause) {
    super(oneLine(message), cause);
    this.file = null;
    this.line = 0;
    this.problem = getMessage();
  }

  /** @return the file as the user named it, or null when the message is not about one file */
  public String file() {
    return file;
  }

  /** @return the 1-based line number, or 0 for the file as a whole */
  public long line() {
    return line;
  }

  /** @return what is wrong, without the location */
  public String problem() {
    return problem;
  }

  private static String oneLine(String message) {
    String m = message == null ? "unknown error" : message;
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
