package org.nmt4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw HTTP client for the tests, so that they can send malformed requests too. */
public final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private Http() {}

  /** An answer: status, content type, body. */
  public record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
    /** @return the body as JSON */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  /**
   * @param base the server address
   * @param path the path, e.g. {@code healthz}
   * @return the answer to GET
   */
  public static Answer get(URI base, String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /**
   * @param base the server address
   * @param path the path
   * @param contentType the Content-Type header, or null for none
   * @param body the body
   * @return the answer to POST
   */
  public static Answer post(URI base, String path, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  /**
   * @param base the server address
   * @param json the body
   * @return the answer to POST /v1/translate with a JSON body
   */
  public static Answer translate(URI base, String json) {
    return post(base, "v1/translate", "application/json", json);
  }

  private static Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(120)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param value a Java value
   * @return it as JSON text
   */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
