package org.nmt4j.corpora;

/**
 * A problem with a corpus that the user must fix, such as an invalid byte or a missing
 * separator. The message is always one line, normally starting with {@code file:line:}, so that a
 * command line tool can print it as it is and exit non-zero.
 */
public class CorpusException extends org.nmt4j.tokenization.io.TextFileException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong; line breaks in it are replaced by spaces so that it stays one
   *     line
   */
  public CorpusException(String message) {
    super(message, null);
  }

  /**
   * @param message what is wrong; line breaks in it are replaced by spaces
   * @param cause the underlying exception, kept for {@code --verbose} stack traces
   */
  public CorpusException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A problem at one line of one file.
   *
   * @param file the file as the user named it
   * @param line 1-based line number
   * @param what what is wrong, e.g. {@code "invalid UTF-8"}
   * @return an exception with the message {@code file:line: what}
   */
  public static CorpusException at(String file, long line, String what) {
    return new CorpusException(file + ":" + line + ": " + what);
  }

}
