package org.nmt4j.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of an nmt4j translation server ({@code nmt4j serve}) on {@code java.net.http}:
 *
 * <pre>{@code
 * NmtClient client = new NmtClient(URI.create("http://127.0.0.1:8080/"));
 * List<String> models = client.models();                       // [de-en, en-de]
 * RemoteTranslation t = client.translate("de-en", "Ein Hund läuft.");
 * List<RemoteTranslation> many = client.translate("de-en", List.of("Hallo.", "Danke."),
 *     Map.of("method", "sample", "temperature", 0.8, "seed", 7));
 * }</pre>
 *
 * <p>Thread-safe; one instance shares its connections between threads. Errors answered by the
 * server become {@link NmtClientException}s carrying the status and the server's message.
 */
public final class NmtClient {
  private final URI base;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Duration timeout;

  /** @param base the server's address, e.g. {@code http://127.0.0.1:8080/} */
  public NmtClient(URI base) {
    this(base, Duration.ofSeconds(60));
  }

  /**
   * @param base the server's address
   * @param timeout the longest wait for one answer
   */
  public NmtClient(URI base, Duration timeout) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** @return the names of the served models */
  public List<String> models() {
    JsonNode root = send(HttpRequest.newBuilder(base.resolve("v1/models")).GET());
    List<String> names = new ArrayList<>();
    root.get("models").forEach(m -> names.add(m.get("name").asText()));
    return names;
  }

  /**
   * @param model the model's name
   * @param text one sentence
   * @return its greedy translation
   */
  public RemoteTranslation translate(String model, String text) {
    return translate(model, List.of(text), Map.of()).get(0);
  }

  /**
   * @param model the model's name, or null for the server's only model
   * @param texts sentences
   * @param decoding decoding fields of the API ({@code method}, {@code temperature}, {@code top_k},
   *     {@code top_p}, {@code seed}, {@code n_samples}, {@code max_length}); empty for greedy
   * @return one translation per sentence, in order
   */
  public List<RemoteTranslation> translate(String model, List<String> texts, Map<String, ?> decoding) {
    Map<String, Object> body = new LinkedHashMap<>(decoding);
    if (model != null) {
      body.put("model", model);
    }
    body.put("texts", texts);
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the request as JSON: " + e.getMessage(), e);
    }
    JsonNode root = send(HttpRequest.newBuilder(base.resolve("v1/translate"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    List<RemoteTranslation> out = new ArrayList<>();
    root.get("translations").forEach(t -> out.add(translation(t)));
    return out;
  }

  private static RemoteTranslation translation(JsonNode t) {
    List<String> tokens = new ArrayList<>();
    t.get("tokens").forEach(x -> tokens.add(x.asText()));
    List<RemoteTranslation> samples = new ArrayList<>();
    if (t.has("samples")) {
      t.get("samples").forEach(s -> samples.add(translation(s)));
    }
    return new RemoteTranslation(t.get("text").asText(), t.get("log_probability").asDouble(),
        t.get("complete").asBoolean(), tokens, samples);
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new NmtClientException(0, "cannot reach " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NmtClientException(0, "interrupted while waiting for " + base, e);
    }
    JsonNode root;
    try {
      root = json.readTree(response.body());
    } catch (IOException e) {
      throw new NmtClientException(response.statusCode(), "the server's answer is not JSON", e);
    }
    if (response.statusCode() != 200) {
      JsonNode error = root.path("error");
      throw new NmtClientException(response.statusCode(),
          error.path("message").asText("HTTP " + response.statusCode()), null);
    }
    return root;
  }
}
