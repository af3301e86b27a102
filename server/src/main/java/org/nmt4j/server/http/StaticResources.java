package org.nmt4j.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The server's static files, read once from the classpath ({@code org/nmt4j/server/web/}): the
 * translation web page ({@code /}, {@code /app.js}, {@code /style.css}) and the OpenAPI document
 * ({@code /openapi.json}). Plain HTML, JavaScript and CSS: no build step, nothing fetched from
 * elsewhere.
 */
public final class StaticResources {
  /** Route to resource file and content type. */
  public static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {"index.html", "text/html; charset=utf-8"},
      "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
      "/style.css", new String[] {"style.css", "text/css; charset=utf-8"},
      "/openapi.json", new String[] {"openapi.json", "application/json; charset=utf-8"});

  private static final String FOLDER = "/org/nmt4j/server/web/";

  private final Map<String, byte[]> bytes;

  /** Reads every file; fails if one is missing from the jar. */
  public StaticResources() {
    Map<String, byte[]> read = new java.util.HashMap<>();
    for (Map.Entry<String, String[]> e : FILES.entrySet()) {
      read.put(e.getKey(), read(e.getValue()[0]));
    }
    this.bytes = Map.copyOf(read);
  }

  /**
   * Answers with the file of a route.
   *
   * @param route one of {@link #FILES}' keys
   * @param ctx the request
   */
  public void serve(String route, Context ctx) {
    ctx.contentType(FILES.get(route)[1]).header("Cache-Control", "no-cache").result(bytes.get(route));
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticResources.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + FOLDER + name + " is missing from the server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
