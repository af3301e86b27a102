package org.nmt4j.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes JSON answers, and maps every failure to an {@link ApiError} answer: the handlers'
 * {@link ApiException}s as they are, Javalin's own (unknown route 404, method 405, body over the
 * size limit 413) with our error format, and anything unexpected as a 500 whose body says only
 * that it happened (the stack trace goes to the server's log, never to the client).
 */
public final class ErrorAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

  private ErrorAnswers() {}

  /**
   * @param ctx the request
   * @param json the mapper
   * @param status the status
   * @param body what to write as JSON
   */
  public static void writeJson(Context ctx, ObjectMapper json, int status, Object body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      status = 500;
      bytes = "{\"error\":{\"status\":500,\"code\":\"internal\",\"message\":\"could not write the answer\"}}"
          .getBytes(StandardCharsets.UTF_8);
    }
    ctx.status(status).contentType("application/json; charset=utf-8").result(bytes);
  }

  /**
   * @param ctx the request
   * @param json the mapper
   * @param error the error to answer with
   */
  public static void write(Context ctx, ObjectMapper json, ApiError error) {
    for (Map.Entry<String, String> h : error.headers().entrySet()) {
      ctx.header(h.getKey(), h.getValue());
    }
    writeJson(ctx, json, error.status(), error.body());
  }

  /**
   * @param e one of Javalin's HTTP exceptions
   * @return the same status in our format
   */
  public static ApiError fromJavalin(HttpResponseException e) {
    int status = e.getStatus();
    return switch (status) {
      case 404 -> ApiError.of(404, "not_found", "no such endpoint; see /openapi.json");
      case 405 -> ApiError.of(405, "method_not_allowed", "method not allowed on this endpoint; see /openapi.json");
      case 413 -> ApiError.of(413, "body_too_large", "the request body is over the size limit (serve --max-body-bytes)");
      default -> ApiError.of(status, "http_" + status, e.getMessage() == null ? "HTTP " + status : firstLine(e.getMessage()));
    };
  }

  /**
   * @param e an unexpected failure
   * @return a 500 answer that names no internals; the failure is logged
   */
  public static ApiError internal(Throwable e) {
    LOG.error("request failed", e);
    return ApiError.of(500, "internal", "the server failed to translate this request");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
