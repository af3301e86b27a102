package org.nmt4j.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.nmt4j.server.batch.DynamicBatcher;
import org.nmt4j.server.batch.QueueFullException;
import org.nmt4j.server.metrics.ServerMetrics;
import org.nmt4j.translator.Translation;

/**
 * {@code POST /v1/translate}: parses and checks the request, queues its sentences in the {@link
 * DynamicBatcher}, and answers asynchronously when they are decoded (the HTTP thread is free
 * meanwhile). A full queue answers 503 with {@code Retry-After}; so does a server that is not
 * ready yet or shutting down.
 *
 * <p>Answer: {@code {"model": NAME, "translations": [T, ...]}}, one T per input sentence in
 * order, each {@code {"text", "log_probability", "perplexity", "complete", "tokens",
 * "source_tokens", "warnings"}}; with {@code n_samples} > 1, T is the first sample and adds
 * {@code "samples": [T1, ..., Tn]}.
 */
public final class TranslateHandler implements Handler {
  /** Seconds a client is asked to wait before retrying after a 503. */
  static final String RETRY_AFTER_SECONDS = "1";

  private final TranslateRequestParser parser;
  private final DynamicBatcher batcher;
  private final ServerMetrics metrics;
  private final ObjectMapper json;
  private final BooleanSupplier ready;

  /**
   * @param parser checks requests
   * @param batcher decodes them
   * @param metrics counts sentences and tokens
   * @param json writes answers
   * @param ready whether the models are loaded and the server is not shutting down
   */
  public TranslateHandler(TranslateRequestParser parser, DynamicBatcher batcher,
      ServerMetrics metrics, ObjectMapper json, BooleanSupplier ready) {
    this.parser = parser;
    this.batcher = batcher;
    this.metrics = metrics;
    this.json = json;
    this.ready = ready;
  }

  @Override
  public void handle(Context ctx) {
    if (!ready.getAsBoolean()) {
      throw unavailable("the server is not ready: models are loading or it is shutting down");
    }
    TranslateRequest request = parser.parse(ctx.contentType(), ctx.bodyAsBytes());
    CompletableFuture<List<List<Translation>>> decoded;
    try {
      decoded = batcher.submit(request.translator(), request.texts(), request.options());
    } catch (QueueFullException e) {
      if (!e.shuttingDown()) {
        metrics.rejected();
      }
      throw unavailable(e.getMessage());
    }
    ctx.future(() -> decoded.handle((result, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof QueueFullException q) {
          ErrorAnswers.write(ctx, json, unavailable(q.getMessage()).error());
        } else {
          ErrorAnswers.write(ctx, json, ErrorAnswers.internal(cause));
        }
        return null;
      }
      answer(ctx, request, result);
      return null;
    }));
  }

  private void answer(Context ctx, TranslateRequest request, List<List<Translation>> result) {
    List<Object> translations = new ArrayList<>(result.size());
    long sourceTokens = 0;
    long targetTokens = 0;
    for (int i = 0; i < result.size(); i++) {
      List<Translation> samples = result.get(i);
      sourceTokens += request.sourceTokens()[i];
      for (Translation t : samples) {
        targetTokens += t.tokens().size();
      }
      Map<String, Object> first = view(samples.get(0));
      if (samples.size() > 1) {
        first.put("samples", samples.stream().map(TranslateHandler::view).toList());
      }
      translations.add(first);
    }
    metrics.translated(result.size(), sourceTokens, targetTokens);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    body.put("translations", translations);
    ErrorAnswers.writeJson(ctx, json, 200, body);
  }

  private static Map<String, Object> view(Translation t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", t.text());
    m.put("log_probability", t.logProbability());
    m.put("perplexity", t.perplexity());
    m.put("complete", t.complete());
    m.put("tokens", t.tokens());
    m.put("source_tokens", t.sourceTokens());
    m.put("warnings", t.warnings());
    return m;
  }

  private static ApiException unavailable(String message) {
    return new ApiError(503, "unavailable", message, Map.of("Retry-After", RETRY_AFTER_SECONDS))
        .exception();
  }
}
