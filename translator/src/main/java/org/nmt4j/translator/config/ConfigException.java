package org.nmt4j.translator.config;

/**
 * A configuration the user must fix. The message is one line, starting with where the problem
 * is ({@code config.yaml:7:} or a command-line flag), and names the key and what is allowed.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message one line; line breaks are replaced by spaces */
  public ConfigException(String message) {
    super(oneLine(message));
  }

  /** @param message one line; line breaks are replaced by spaces */
  public ConfigException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String m) {
    return m == null ? "invalid config" : m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
