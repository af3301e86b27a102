package org.nmt4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nmt4j.server.http.StaticResources;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/**
 * The real server on a random port with the toy reverse model, served under two names: every
 * endpoint, every kind of bad request, and 64 concurrent clients whose answers must equal {@link
 * Translator#translate} of the same text.
 */
class TranslationServerTest {
  private static Translator translator;
  private static TranslationServer server;
  private static URI base;

  @BeforeAll
  static void start() {
    translator = ToyTranslator.get();
    ServerConfig config = ServerConfig.defaults().withPort(0).withBatching(64, 20)
        .withLimits(4096, 8, 10, 4096);
    server = TranslationServer.start(config,
        new ServedModels().add("rev", translator).add("rev-b", translator));
    base = server.uri();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthReadinessModelsAndStaticFilesAnswer() {
    Http.Answer health = Http.get(base, "healthz");
    assertEquals(200, health.status());
    assertEquals("ok", health.json().get("status").asText());

    Http.Answer ready = Http.get(base, "readyz");
    assertEquals(200, ready.status());
    assertEquals("ready", ready.json().get("status").asText());

    JsonNode models = Http.get(base, "v1/models").json();
    assertEquals("rev", models.get("models").get(0).get("name").asText());
    assertEquals("rev-b", models.get("models").get(1).get("name").asText());
    assertTrue(models.get("ready").asBoolean());

    Http.Answer page = Http.get(base, "");
    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.body().contains("id=\"source\"") && page.body().contains("app.js"), page.body());
    assertTrue(Http.get(base, "app.js").body().contains("v1/translate"));
    assertTrue(Http.get(base, "style.css").contentType().startsWith("text/css"));
  }

  @Test
  void whileModelsLoadItIsAliveButNotReadyAndRefusesTranslationWithRetryAfter() {
    ServedModels later = new ServedModels();
    try (TranslationServer loading = TranslationServer.startLoading(ServerConfig.defaults().withPort(0), later)) {
      assertEquals(200, Http.get(loading.uri(), "healthz").status());
      Http.Answer notReady = Http.get(loading.uri(), "readyz");
      assertEquals(503, notReady.status());
      assertEquals("loading", notReady.json().get("status").asText());
      Http.Answer refused = Http.translate(loading.uri(), "{\"text\": \"a b\"}");
      assertError(refused, 503, "unavailable", "models are loading");
      assertEquals("1", refused.raw().headers().firstValue("Retry-After").orElse(""));

      later.add("rev", translator);
      loading.markReady();
      assertEquals(200, Http.get(loading.uri(), "readyz").status());
      assertEquals(200, Http.translate(loading.uri(), "{\"text\": \"a b\"}").status());
    }
  }

  @Test
  void openApiDocumentListsEveryEndpoint() {
    Http.Answer doc = Http.get(base, "openapi.json");
    assertEquals(200, doc.status());
    JsonNode root = doc.json();
    assertTrue(root.get("openapi").asText().startsWith("3."));
    Set<String> paths = new HashSet<>();
    root.get("paths").fieldNames().forEachRemaining(paths::add);
    Set<String> served = new HashSet<>(Set.of("/v1/translate", "/v1/models", "/healthz", "/readyz", "/metrics"));
    served.addAll(StaticResources.FILES.keySet());
    served.removeAll(Set.of("/app.js", "/style.css"));
    assertEquals(served, paths);
    assertTrue(root.at("/paths/~1v1~1translate/post/responses").has("413"));
    assertTrue(root.at("/paths/~1v1~1translate/post/responses").has("503"));
  }

  @Test
  void oneSentenceAndSeveralTranslateLikeTheTranslator() {
    JsonNode one = Http.translate(base, "{\"model\": \"rev\", \"text\": \"h b a b\"}").json();
    assertEquals("rev", one.get("model").asText());
    Translation expected = translator.translate("h b a b");
    assertEquals("b a b h", expected.text(), "the toy model reverses");
    assertSame(expected, one.get("translations").get(0));

    List<String> texts = List.of("a b c", "d e f g", "", "h h a");
    JsonNode many = Http.translate(base, Http.json(Map.of("model", "rev-b", "texts", texts))).json();
    List<Translation> want = translator.translate(texts);
    assertEquals(texts.size(), many.get("translations").size());
    for (int i = 0; i < texts.size(); i++) {
      assertSame(want.get(i), many.get("translations").get(i));
    }
  }

  @Test
  void samplingWithASeedIsReproducibleAndGivesEverySample() {
    String body = "{\"text\": \"a b c d\", \"model\": \"rev\", \"method\": \"sample\", "
        + "\"temperature\": 1.5, \"top_k\": 5, \"top_p\": 0.9, \"seed\": 7, \"n_samples\": 3}";
    JsonNode first = Http.translate(base, body).json().get("translations").get(0);
    JsonNode again = Http.translate(base, body).json().get("translations").get(0);
    assertEquals(first, again);
    List<Translation> want = translator.translateSamples(List.of("a b c d"),
        DecodingOptions.sampling(1.5, 5, 0.9, 7).withSamples(3)).get(0);
    assertEquals(3, first.get("samples").size());
    for (int k = 0; k < 3; k++) {
      assertSame(want.get(k), first.get("samples").get(k));
    }
    assertEquals(first.get("text"), first.get("samples").get(0).get("text"));
  }

  @Test
  void repetitionRulesAndMinimumLengthAreTheTranslatorsOwn() {
    String body = "{\"text\": \"a a a b\", \"model\": \"rev\", \"no_repeat_ngram\": 1, "
        + "\"repetition_penalty\": 1.5, \"min_length_ratio\": 0.5}";
    JsonNode got = Http.translate(base, body).json().get("translations").get(0);
    Translation want = translator.translate("a a a b",
        DecodingOptions.greedy().withRepetitionRules(1, 1.5).withMinLengthRatio(0.5));
    assertSame(want, got);
    // no token twice: the rule reached the decoder
    java.util.List<String> tokens = java.util.Arrays.asList(got.get("text").asText().split(" "));
    assertEquals(new java.util.HashSet<>(tokens).size(), tokens.size(), got.toString());
  }

  @Test
  void metricsCountRequestsSentencesTokensBatchesAndTheQueue() {
    Http.translate(base, "{\"texts\": [\"a b\", \"c d e\"], \"model\": \"rev\"}");
    String metrics = Http.get(base, "metrics").body();
    assertTrue(metrics.contains("nmt4j_requests_total{endpoint=\"/v1/translate\",status=\"200\"}"), metrics);
    assertTrue(value(metrics, "nmt4j_sentences_total") >= 2, metrics);
    assertTrue(value(metrics, "nmt4j_source_tokens_total") >= 5, metrics);
    assertTrue(value(metrics, "nmt4j_target_tokens_total") >= 5, metrics);
    assertTrue(value(metrics, "nmt4j_batch_sentences_count") >= 1, metrics);
    assertTrue(metrics.contains("nmt4j_request_seconds_bucket{endpoint=\"/v1/translate\""), metrics);
    assertTrue(metrics.contains("nmt4j_queue_sentences "), metrics);
  }

  static Stream<Arguments> badRequests() {
    String longSentence = String.join(" ", java.util.Collections.nCopies(11, "a"));
    return Stream.of(
        Arguments.of("invalid JSON", "application/json", "{\"text\": \"a b\"", 400, "invalid_json", "line 1"),
        Arguments.of("empty body", "application/json", "", 400, "empty_body", "empty"),
        Arguments.of("not an object", "application/json", "[\"a\"]", 422, "invalid_request", "JSON object"),
        Arguments.of("text of wrong type", "application/json", "{\"text\": 3, \"model\": \"rev\"}", 422, "invalid_request", "'text' must be a string"),
        Arguments.of("texts of wrong type", "application/json", "{\"texts\": [\"a\", 1], \"model\": \"rev\"}", 422, "invalid_request", "'texts[1]'"),
        Arguments.of("text and texts", "application/json", "{\"text\": \"a\", \"texts\": [\"a\"], \"model\": \"rev\"}", 422, "invalid_request", "exactly one"),
        Arguments.of("no model with two served", "application/json", "{\"text\": \"a\"}", 422, "invalid_request", "rev, rev-b"),
        Arguments.of("unknown field", "application/json", "{\"text\": \"a\", \"model\": \"rev\", \"beam\": 5}", 422, "invalid_request", "'beam'"),
        Arguments.of("unknown model", "application/json", "{\"text\": \"a\", \"model\": \"xx-yy\"}", 404, "unknown_model", "rev, rev-b"),
        Arguments.of("too many sentences", "application/json", Http.json(Map.of("model", "rev", "texts", List.of("a", "b", "c", "d", "e", "f", "g", "h", "a"))), 413, "too_many_sentences", "limit is 8"),
        Arguments.of("too long a sentence", "application/json", Http.json(Map.of("model", "rev", "text", longSentence)), 422, "sentence_too_long", "limit is 10"),
        Arguments.of("wrong content type", "text/plain", "{\"text\": \"a\", \"model\": \"rev\"}", 415, "unsupported_media_type", "application/json"),
        Arguments.of("no content type", null, "{\"text\": \"a\", \"model\": \"rev\"}", 415, "unsupported_media_type", "none"),
        Arguments.of("body over the size limit", "application/json", "{\"model\": \"rev\", \"text\": \"" + "a ".repeat(3000) + "\"}", 413, "body_too_large", "max-body-bytes"),
        Arguments.of("sampling option with greedy", "application/json", "{\"text\": \"a\", \"model\": \"rev\", \"temperature\": 0.5}", 422, "invalid_request", "\"sample\""),
        Arguments.of("top_p out of range", "application/json", "{\"text\": \"a\", \"model\": \"rev\", \"method\": \"sample\", \"top_p\": 2}", 422, "invalid_request", "'top_p'"),
        Arguments.of("negative no_repeat_ngram", "application/json", "{\"text\": \"a\", \"model\": \"rev\", \"no_repeat_ngram\": -1}", 422, "invalid_request", "'no_repeat_ngram'"),
        Arguments.of("zero repetition_penalty", "application/json", "{\"text\": \"a\", \"model\": \"rev\", \"repetition_penalty\": 0}", 422, "invalid_request", "'repetition_penalty'"),
        Arguments.of("too many samples", "application/json", "{\"text\": \"a\", \"model\": \"rev\", \"method\": \"sample\", \"n_samples\": 100}", 422, "invalid_request", "'n_samples'"),
        Arguments.of("unknown method", "application/json", "{\"text\": \"a\", \"model\": \"rev\", \"method\": \"beam\"}", 422, "invalid_request", "greedy"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestsGetAJsonErrorWithTheRightStatusAndNoStackTrace(
      String what, String contentType, String body, int status, String code, String mentions) {
    Http.Answer a = Http.post(base, "v1/translate", contentType, body);
    assertError(a, status, code, mentions);
  }

  @Test
  void unknownPathsAndWrongMethodsGetJsonErrors() {
    assertError(Http.get(base, "v2/translate"), 404, "not_found", "openapi.json");
    assertError(Http.get(base, "v1/translate"), 405, "method_not_allowed", "method");
  }

  @Test
  void sixtyFourConcurrentClientsGetWhatTheTranslatorGivesInBatches() throws Exception {
    List<String> texts = ToyTranslator.sentences(64, 11);
    List<Translation> want = new ArrayList<>();
    for (String t : texts) {
      want.add(translator.translate(t));
    }
    String before = Http.get(base, "metrics").body();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Http.Answer>> answers = new ArrayList<>();
      for (String t : texts) {
        answers.add(pool.submit(() -> {
          go.await();
          return Http.translate(base, Http.json(Map.of("model", "rev", "text", t)));
        }));
      }
      go.countDown();
      for (int i = 0; i < texts.size(); i++) {
        Http.Answer a = answers.get(i).get();
        assertEquals(200, a.status(), a.body());
        assertSame(want.get(i), a.json().get("translations").get(0));
      }
    } finally {
      pool.shutdownNow();
    }
    String after = Http.get(base, "metrics").body();
    double batches = value(after, "nmt4j_batch_sentences_count") - value(before, "nmt4j_batch_sentences_count");
    double sentences = value(after, "nmt4j_batch_sentences_sum") - value(before, "nmt4j_batch_sentences_sum");
    assertEquals(64, sentences, 0.0);
    assertTrue(batches < 32, "64 concurrent sentences were decoded in " + batches + " batches: no batching");
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndTheQueuedRequestStillSucceeds() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withBatching(64, 1500).withLimits(4, 4, 10, 4096);
    try (TranslationServer small = TranslationServer.start(config, "rev", translator)) {
      CompletableFuture<Http.Answer> queued = CompletableFuture.supplyAsync(
          () -> Http.translate(small.uri(), "{\"texts\": [\"a b\", \"b c\", \"c d\"]}"));
      waitForQueue(small, 3);
      Http.Answer refused = Http.translate(small.uri(), "{\"texts\": [\"a b\", \"b c\"]}");
      assertError(refused, 503, "unavailable", "queue is full");
      assertEquals("1", refused.raw().headers().firstValue("Retry-After").orElse(""));
      Http.Answer ok = queued.get();
      assertEquals(200, ok.status(), ok.body());
      assertEquals("b a", ok.json().get("translations").get(0).get("text").asText());
      assertTrue(value(Http.get(small.uri(), "metrics").body(), "nmt4j_queue_rejections_total") >= 1);
    }
  }

  @Test
  void closeFinishesQueuedRequestsThenStopsListening() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withBatching(64, 3000);
    TranslationServer closing = TranslationServer.start(config, "rev", translator);
    URI uri = closing.uri();
    List<String> texts = ToyTranslator.sentences(12, 5);
    List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
    for (String t : texts) {
      answers.add(CompletableFuture.supplyAsync(() -> Http.translate(uri, Http.json(Map.of("text", t))),
          Executors.newSingleThreadExecutor()));
    }
    waitForQueue(closing, texts.size());
    closing.close();
    for (int i = 0; i < texts.size(); i++) {
      Http.Answer a = answers.get(i).get();
      assertEquals(200, a.status(), a.body());
      assertSame(translator.translate(texts.get(i)), a.json().get("translations").get(0));
    }
    assertFalse(closing.ready());
    assertTrue(refused(uri), "still listening after close()");
  }

  /** Waits until the server's queue holds {@code n} sentences (from its metrics). */
  static void waitForQueue(TranslationServer s, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (value(s.metrics().scrape(), "nmt4j_queue_sentences") < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the queue never held " + n + " sentences");
      }
      Thread.sleep(5);
    }
  }

  static void assertSame(Translation want, JsonNode got) {
    assertEquals(want.text(), got.get("text").asText());
    assertEquals(want.logProbability(), got.get("log_probability").asDouble(), 1e-4);
    assertEquals(want.complete(), got.get("complete").asBoolean());
    assertEquals(want.tokens().size(), got.get("tokens").size());
  }

  static void assertError(Http.Answer a, int status, String code, String mentions) {
    assertEquals(status, a.status(), a.body());
    assertTrue(a.contentType().startsWith("application/json"), a.contentType());
    JsonNode error = a.json().get("error");
    assertEquals(status, error.get("status").asInt());
    assertEquals(code, error.get("code").asText(), a.body());
    String message = error.get("message").asText();
    assertTrue(message.contains(mentions), "'" + message + "' should mention '" + mentions + "'");
    assertFalse(a.body().contains("Exception") || a.body().contains("\tat ") || a.body().contains(".java:"),
        "stack trace in " + a.body());
  }

  static double value(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      found = true;
    }
    if (!found) {
      throw new AssertionError("no metric " + name + " in\n" + metrics);
    }
    return sum;
  }

  static boolean refused(URI uri) {
    try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
