package org.nmt4j.server.client;

/** The server answered with an error, or could not be reached. */
public final class NmtClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the HTTP status, or 0 when there was no answer
   * @param message the server's error message, or what went wrong
   * @param cause the I/O failure, or null
   */
  public NmtClientException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** @return the HTTP status, or 0 when there was no answer */
  public int status() {
    return status;
  }
}
