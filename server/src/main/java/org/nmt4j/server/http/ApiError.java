package org.nmt4j.server.http;

import java.util.Map;

/**
 * An error answer: the HTTP status, a stable machine-readable code and a one-line message for
 * people. Written as {@code {"error": {"status": 422, "code": "sentence_too_long", "message":
 * "..."}}}; never a stack trace.
 *
 * @param status the HTTP status
 * @param code a short snake_case code, e.g. {@code unknown_model}
 * @param message one line saying what is wrong and, where it applies, the limit or valid values
 * @param headers extra response headers (e.g. {@code Retry-After}); empty normally
 */
public record ApiError(int status, String code, String message, Map<String, String> headers) {

  /** Copies the headers. */
  public ApiError {
    headers = Map.copyOf(headers);
  }

  /**
   * @param status the HTTP status
   * @param code the error code
   * @param message the message
   * @return the error without extra headers
   */
  public static ApiError of(int status, String code, String message) {
    return new ApiError(status, code, message, Map.of());
  }

  /** @return this error as an exception to throw from a handler */
  public ApiException exception() {
    return new ApiException(this);
  }

  /** @return the JSON body */
  public Map<String, Object> body() {
    return Map.of("error", Map.of("status", status, "code", code, "message", message));
  }
}
