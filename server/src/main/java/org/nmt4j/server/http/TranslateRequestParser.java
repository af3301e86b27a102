package org.nmt4j.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.nmt4j.server.ServedModels;
import org.nmt4j.server.ServerConfig;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translator;

/**
 * Turns the body of {@code POST /v1/translate} into a {@link TranslateRequest}, or an {@link
 * ApiError} naming the field and what is wrong: 415 for a content type other than JSON, 400 for
 * an empty body or invalid JSON (with line and column), 422 for wrong types, unknown fields and
 * out-of-range options, 404 for an unknown model, 413 for too many sentences, 422 for a sentence
 * over the token limit.
 *
 * <p>Fields: {@code model} (optional when one model is served), {@code text} (one sentence) or
 * {@code texts} (a list), {@code method} ({@code greedy} or {@code sample}), and for sampling
 * {@code temperature}, {@code top_k}, {@code top_p}, {@code seed}, {@code n_samples}; {@code
 * max_length} caps the output tokens; {@code no_repeat_ngram}, {@code repetition_penalty} and
 * {@code min_length_ratio} as the command line's flags of the same names.
 */
public final class TranslateRequestParser {
  /** The fields a request may have. */
  public static final Set<String> FIELDS = Set.of("model", "text", "texts", "method", "temperature",
      "top_k", "top_p", "seed", "n_samples", "max_length", "no_repeat_ngram",
      "repetition_penalty", "min_length_ratio");

  private final ObjectMapper json;
  private final ServedModels models;
  private final ServerConfig config;

  /**
   * @param json the mapper
   * @param models the served models
   * @param config the limits
   */
  public TranslateRequestParser(ObjectMapper json, ServedModels models, ServerConfig config) {
    this.json = json;
    this.models = models;
    this.config = config;
  }

  /**
   * @param contentType the request's Content-Type header, or null
   * @param body the request body
   * @return the checked request
   * @throws ApiException naming what is wrong
   */
  public TranslateRequest parse(String contentType, byte[] body) {
    if (contentType == null || !isJson(contentType)) {
      throw ApiError.of(415, "unsupported_media_type", "Content-Type must be application/json, got "
          + (contentType == null ? "none" : "'" + contentType + "'")).exception();
    }
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw ApiError.of(400, "empty_body",
          "the request body is empty: send a JSON object such as {\"text\": \"...\"}").exception();
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ApiError.of(400, "invalid_json", "invalid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
          + ": " + e.getOriginalMessage().lines().findFirst().orElse("")).exception();
    } catch (IOException e) {
      throw ApiError.of(400, "invalid_json", "unreadable body: " + e.getMessage()).exception();
    }
    if (root == null || !root.isObject()) {
      throw invalid("the body must be a JSON object, got " + kind(root));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw invalid("unknown field '" + field + "'; valid fields: " + String.join(", ",
            FIELDS.stream().sorted().toList()));
      }
    }
    String modelName = modelName(root);
    Translator translator = models.get(modelName).orElseThrow(() -> ApiError.of(404, "unknown_model",
        "no model named '" + modelName + "'; served: " + String.join(", ", models.names())).exception());
    List<String> texts = texts(root);
    DecodingOptions options = options(root);
    int[] tokens = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      tokens[i] = translator.model().sourceTokens(texts.get(i)).size();
      if (tokens[i] > config.maxSentenceTokens()) {
        throw ApiError.of(422, "sentence_too_long", (texts.size() == 1 ? "the sentence" : "sentence "
            + (i + 1)) + " has " + tokens[i] + " tokens; the limit is " + config.maxSentenceTokens()
            + " (serve --max-sentence-tokens)").exception();
      }
    }
    return new TranslateRequest(modelName, translator, texts, options, tokens);
  }

  private String modelName(JsonNode root) {
    JsonNode m = root.get("model");
    if (m == null || m.isNull()) {
      List<String> names = models.names();
      if (names.size() == 1) {
        return names.get(0);
      }
      throw invalid("'model' is required when several models are served: one of "
          + String.join(", ", names));
    }
    if (!m.isTextual()) {
      throw invalid("'model' must be a string, got " + kind(m));
    }
    return m.asText();
  }

  private List<String> texts(JsonNode root) {
    JsonNode one = root.get("text");
    JsonNode many = root.get("texts");
    if ((one == null) == (many == null)) {
      throw invalid("give exactly one of 'text' (a string) and 'texts' (a list of strings)");
    }
    if (one != null) {
      if (!one.isTextual()) {
        throw invalid("'text' must be a string, got " + kind(one));
      }
      return List.of(one.asText());
    }
    if (!many.isArray()) {
      throw invalid("'texts' must be a list of strings, got " + kind(many));
    }
    if (many.isEmpty()) {
      throw invalid("'texts' is empty: give at least one sentence");
    }
    if (many.size() > config.maxRequestSentences()) {
      throw ApiError.of(413, "too_many_sentences", "'texts' has " + many.size()
          + " sentences; the limit is " + config.maxRequestSentences()
          + " per request (serve --max-request-sentences)").exception();
    }
    List<String> texts = new ArrayList<>(many.size());
    for (int i = 0; i < many.size(); i++) {
      if (!many.get(i).isTextual()) {
        throw invalid("'texts[" + i + "]' must be a string, got " + kind(many.get(i)));
      }
      texts.add(many.get(i).asText());
    }
    return texts;
  }

  private DecodingOptions options(JsonNode root) {
    String method = root.has("method") ? string(root, "method").toLowerCase(Locale.ROOT) : "greedy";
    DecodingOptions options;
    if (method.equals("greedy")) {
      for (String f : List.of("temperature", "top_k", "top_p", "seed", "n_samples")) {
        if (root.has(f) && !(f.equals("n_samples") && root.get(f).isInt() && root.get(f).asInt() == 1)) {
          throw invalid("'" + f + "' needs \"method\": \"sample\"; greedy decoding gives one output");
        }
      }
      options = DecodingOptions.greedy();
    } else if (method.equals("sample")) {
      double temperature = root.has("temperature") ? number(root, "temperature") : 1.0;
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw invalid("'temperature' must be > 0, got " + temperature);
      }
      int topK = root.has("top_k") ? integer(root, "top_k") : 0;
      if (topK < 0) {
        throw invalid("'top_k' must be >= 0 (0: no limit), got " + topK);
      }
      double topP = root.has("top_p") ? number(root, "top_p") : 1.0;
      if (!(topP > 0 && topP <= 1)) {
        throw invalid("'top_p' must be in (0, 1] (1: no limit), got " + topP);
      }
      long seed = root.has("seed") ? longInteger(root, "seed") : ThreadLocalRandom.current().nextLong();
      int samples = root.has("n_samples") ? integer(root, "n_samples") : 1;
      if (samples < 1 || samples > config.maxSamples()) {
        throw invalid("'n_samples' must be in 1.." + config.maxSamples() + " (serve --max-samples), got " + samples);
      }
      options = DecodingOptions.sampling(temperature, topK, topP, seed).withSamples(samples);
    } else {
      throw invalid("'method' must be \"greedy\" or \"sample\", got \"" + method + "\"");
    }
    if (root.has("max_length")) {
      int max = integer(root, "max_length");
      if (max < 1 || max > DecodingOptions.DEFAULT_MAX_LENGTH) {
        throw invalid("'max_length' must be in 1.." + DecodingOptions.DEFAULT_MAX_LENGTH + ", got " + max);
      }
      options = options.withMaxLength(max, options.lengthRatio(), options.lengthOffset());
    }
    if (root.has("no_repeat_ngram") || root.has("repetition_penalty")) {
      int n = root.has("no_repeat_ngram") ? integer(root, "no_repeat_ngram") : 0;
      if (n < 0) {
        throw invalid("'no_repeat_ngram' must be >= 0 (0: off), got " + n);
      }
      double penalty = root.has("repetition_penalty") ? number(root, "repetition_penalty") : 1.0;
      if (!(penalty > 0) || Double.isInfinite(penalty)) {
        throw invalid("'repetition_penalty' must be > 0 (1: off), got " + penalty);
      }
      options = options.withRepetitionRules(n, penalty);
    }
    if (root.has("min_length_ratio")) {
      double ratio = number(root, "min_length_ratio");
      if (!(ratio >= 0) || Double.isInfinite(ratio)) {
        throw invalid("'min_length_ratio' must be >= 0 (0: off), got " + ratio);
      }
      options = options.withMinLengthRatio(ratio);
    }
    return options;
  }

  private static String string(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (!n.isTextual()) {
      throw invalid("'" + field + "' must be a string, got " + kind(n));
    }
    return n.asText();
  }

  private static double number(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (!n.isNumber()) {
      throw invalid("'" + field + "' must be a number, got " + kind(n));
    }
    return n.asDouble();
  }

  private static int integer(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw invalid("'" + field + "' must be an integer, got " + kind(n));
    }
    return n.asInt();
  }

  private static long longInteger(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw invalid("'" + field + "' must be an integer, got " + kind(n));
    }
    return n.asLong();
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  private static ApiException invalid(String message) {
    return ApiError.of(422, "invalid_request", message).exception();
  }

  /** A value's JSON kind, for messages: "a string", "a number 3", "null". */
  private static String kind(JsonNode n) {
    if (n == null || n.getNodeType() == JsonNodeType.NULL || n.isMissingNode()) {
      return "null";
    }
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "the number " + n.asText();
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}
