package org.nmt4j.server.http;

/** Thrown by request handling to answer with an {@link ApiError}; carries no stack trace. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ApiError error;

  /** @param error the answer */
  public ApiException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  /** @return the answer */
  public ApiError error() {
    return error;
  }
}
