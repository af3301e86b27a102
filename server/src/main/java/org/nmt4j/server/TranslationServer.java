package org.nmt4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nmt4j.server.batch.DynamicBatcher;
import org.nmt4j.server.http.ApiException;
import org.nmt4j.server.http.ErrorAnswers;
import org.nmt4j.server.http.StaticResources;
import org.nmt4j.server.http.TranslateHandler;
import org.nmt4j.server.http.TranslateRequestParser;
import org.nmt4j.server.metrics.ServerMetrics;
import org.nmt4j.translator.Translator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP translation server: a Javalin (Jetty 12) server in front of a {@link DynamicBatcher}
 * over one or more {@link Translator}s.
 *
 * <p>Endpoints: {@code POST /v1/translate}, {@code GET /v1/models}, {@code GET /healthz}
 * (alive), {@code GET /readyz} (models loaded, not shutting down), {@code GET /metrics}
 * (Prometheus), {@code GET /openapi.json}, and the web page at {@code /}. Every error is a JSON
 * {@link org.nmt4j.server.http.ApiError}.
 *
 * <p>Embedding:
 *
 * <pre>{@code
 * Translator translator = Translator.load(Path.of("model.nmt4j"));
 * try (TranslationServer server = TranslationServer.start(ServerConfig.defaults().withPort(0),
 *     new ServedModels().add("de-en", translator))) {
 *   System.out.println(server.uri());          // http://127.0.0.1:PORT/
 *   server.awaitStop();                        // until close() from another thread
 * }
 * }</pre>
 *
 * <p>{@link #close()} shuts down gracefully: new translate requests get 503 and {@code /readyz}
 * turns 503, everything queued is decoded and answered, then the listener closes.
 */
public final class TranslationServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TranslationServer.class);
  /** Every route (kept fixed so that the metrics' endpoint tag has few values). */
  private static final java.util.Set<String> ROUTES = routes();

  private final ServerConfig config;
  private final ServedModels models;
  private final ServerMetrics metrics = new ServerMetrics();
  private final ObjectMapper json = new ObjectMapper();
  private final DynamicBatcher batcher;
  private final Javalin app;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean loaded;
  private volatile boolean stopping;

  private TranslationServer(ServerConfig config, ServedModels models) {
    this.config = config;
    this.models = models;
    this.batcher = new DynamicBatcher(config.maxBatchSize(), config.maxBatchDelayMs(),
        config.maxQueueSentences(), config.workers(), metrics);
    TranslateHandler translate = new TranslateHandler(
        new TranslateRequestParser(json, models, config), batcher, metrics, json, this::ready);
    StaticResources files = new StaticResources();
    this.app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.startup.showOldJavalinVersionWarning = false;
      c.jetty.host = config.host();
      c.jetty.port = config.port();
      c.jetty.modifyServer(s -> s.setStopTimeout(config.shutdownTimeoutMs()));
      c.http.maxRequestSize = config.maxBodyBytes();
      c.http.prefer405over404 = true;
      c.routes.before(ctx -> {
        ctx.attribute("nmt4j.start", System.nanoTime());
        inFlight.incrementAndGet();
      });
      c.routes.after(ctx -> {
        inFlight.decrementAndGet();
        Long start = ctx.attribute("nmt4j.start");
        if (start != null) {
          metrics.request(endpoint(ctx), ctx.status().getCode(), System.nanoTime() - start);
        }
      });
      c.routes.post("/v1/translate", translate);
      c.routes.get("/v1/models", ctx -> ErrorAnswers.writeJson(ctx, json, 200, modelList()));
      c.routes.get("/healthz", ctx -> ErrorAnswers.writeJson(ctx, json, 200, Map.of("status", "ok")));
      c.routes.get("/readyz", this::readiness);
      c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(metrics.scrape()));
      for (String route : StaticResources.FILES.keySet()) {
        c.routes.get(route, ctx -> files.serve(route, ctx));
      }
      c.routes.exception(ApiException.class, (e, ctx) -> ErrorAnswers.write(ctx, json, e.error()));
      c.routes.exception(HttpResponseException.class,
          (e, ctx) -> ErrorAnswers.write(ctx, json, ErrorAnswers.fromJavalin(e)));
      c.routes.exception(Exception.class,
          (e, ctx) -> ErrorAnswers.write(ctx, json, ErrorAnswers.internal(e)));
    });
  }

  /**
   * Starts a server that is ready at once.
   *
   * @param config how to listen, batch and limit
   * @param models the models to serve, at least one
   * @return the running server
   */
  public static TranslationServer start(ServerConfig config, ServedModels models) {
    if (models.names().isEmpty()) {
      throw new IllegalArgumentException("no model to serve");
    }
    TranslationServer server = startLoading(config, models);
    server.markReady();
    return server;
  }

  /**
   * Starts a server that serves one model.
   *
   * @param config how to listen, batch and limit
   * @param name the model's name
   * @param translator the model
   * @return the running server
   */
  public static TranslationServer start(ServerConfig config, String name, Translator translator) {
    return start(config, new ServedModels().add(name, translator));
  }

  /**
   * Starts listening before the models are loaded: {@code /healthz} answers, {@code /readyz} and
   * translation answer 503 until {@link #markReady()}.
   *
   * @param config how to listen, batch and limit
   * @param models the models, to be added to
   * @return the running server
   */
  public static TranslationServer startLoading(ServerConfig config, ServedModels models) {
    TranslationServer server = new TranslationServer(config, models);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.batcher.shutdown(0);
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
          + ": " + rootMessage(e), e);
    }
    LOG.info("listening on {} ({} workers, batches of up to {} sentences, {} ms delay)",
        server.uri(), config.workers(), config.maxBatchSize(), config.maxBatchDelayMs());
    return server;
  }

  /** Declares the models loaded: {@code /readyz} turns 200 and translation starts. */
  public void markReady() {
    if (models.names().isEmpty()) {
      throw new IllegalStateException("no model to serve");
    }
    loaded = true;
    LOG.info("ready: {}", String.join(", ", models.names()));
  }

  /** @return whether the models are loaded and the server is not shutting down */
  public boolean ready() {
    return loaded && !stopping;
  }

  /** @return the port it listens on (the one chosen when the config said 0) */
  public int port() {
    return app.port();
  }

  /** @return the base address, e.g. {@code http://127.0.0.1:8080/} */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** @return the metrics it keeps */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** @return the settings it runs with */
  public ServerConfig config() {
    return config;
  }

  /** Blocks until {@link #close()} has finished (from another thread or a shutdown hook). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Graceful shutdown: stop taking translations, decode and answer everything queued (up to the
   * config's shutdown timeout), then close the listener. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    stopping = true;
    LOG.info("stopping: finishing queued translations");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMs());
    batcher.shutdown(config.shutdownTimeoutMs());
    // answers of the last batch are being written: let them leave before the listener closes
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    app.stop();
    // logged before the waiting thread is released: a program may close its log when it returns
    LOG.info("stopped");
    stopped.countDown();
  }

  private void readiness(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready() ? "ready" : stopping ? "stopping" : "loading");
    body.put("models", models.names());
    if (!ready()) {
      ctx.header("Retry-After", "1");
    }
    ErrorAnswers.writeJson(ctx, json, ready() ? 200 : 503, body);
  }

  private Map<String, Object> modelList() {
    List<Map<String, Object>> list = models.names().stream()
        .map(n -> Map.<String, Object>of("name", n)).toList();
    return Map.of("models", list, "ready", ready());
  }

  /** The route a request went to, for the metrics' endpoint tag: one of a fixed set. */
  private static String endpoint(Context ctx) {
    String path = ctx.path();
    return ROUTES.contains(path) ? path : "unmatched";
  }

  private static java.util.Set<String> routes() {
    java.util.Set<String> routes = new java.util.HashSet<>(StaticResources.FILES.keySet());
    routes.addAll(List.of("/v1/translate", "/v1/models", "/healthz", "/readyz", "/metrics"));
    return java.util.Set.copyOf(routes);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
