package org.nmt4j.translator.io;

/**
 * A model or checkpoint file that cannot be used: corrupt, truncated, of a newer format, or
 * unsafe. The message is one line and starts with the file name.
 */
public class ModelFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message one line; line breaks are replaced by spaces */
  public ModelFileException(String message) {
    super(oneLine(message));
  }

  /** @param message one line; line breaks are replaced by spaces */
  public ModelFileException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String m) {
    return m == null ? "unusable model file" : m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
