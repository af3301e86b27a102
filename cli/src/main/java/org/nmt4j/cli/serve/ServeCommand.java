package org.nmt4j.cli.serve;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.LoggingOptions;
import org.nmt4j.cli.Nmt4jCommand;
import org.nmt4j.server.ServedModels;
import org.nmt4j.server.ServerConfig;
import org.nmt4j.server.TranslationServer;
import org.nmt4j.cli.translate.QuantizeFlag;
import org.nmt4j.translator.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j serve}: translates over HTTP with one or more models. Listens first (so that
 * {@code /healthz} answers while the models load), loads the models (and warms them up with
 * {@code --warmup-seconds}), then reports ready. On SIGTERM or Ctrl-C it stops accepting
 * translations, finishes what is queued and exits.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Serve translations over HTTP (JSON API, web page, metrics).",
        "POST /v1/translate (JSON), GET /v1/models, /healthz, /readyz, /metrics (Prometheus), "
            + "/openapi.json, and a translation web page at /. Sentences of concurrent requests "
            + "are decoded together (dynamic batching). SIGTERM or Ctrl-C: stop accepting, "
            + "finish what is queued, exit."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "[NAME=]FILE",
      description = "A model file to serve, by NAME (default: the file's name, or its folder's "
          + "for model.nmt4j); repeat to serve several, e.g. -m de-en=a.nmt4j -m en-de=b.nmt4j; "
          + "comma-separated files are one ensemble under one name: -m de-en=a.nmt4j,b.nmt4j.")
  List<String> models;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0: every interface).")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "TCP port (default ${DEFAULT-VALUE}; 0: any free port, printed at start).")
  int port;

  @Option(names = "--max-batch-size", paramLabel = "N", defaultValue = "64",
      description = "Most sentences decoded together (default ${DEFAULT-VALUE}; 1: no batching).")
  int maxBatchSize;

  @Option(names = "--max-batch-delay-ms", paramLabel = "D", defaultValue = "20",
      description = "Longest wait of a queued sentence for its batch to fill (default ${DEFAULT-VALUE}).")
  int maxBatchDelayMs;

  @Option(names = "--max-queue-sentences", paramLabel = "N", defaultValue = "4096",
      description = "Most sentences waiting; beyond, 503 with Retry-After (default ${DEFAULT-VALUE}).")
  int maxQueueSentences;

  @Option(names = "--max-request-sentences", paramLabel = "K", defaultValue = "64",
      description = "Most sentences per request; beyond, 413 (default ${DEFAULT-VALUE}).")
  int maxRequestSentences;

  @Option(names = "--max-sentence-tokens", paramLabel = "T", defaultValue = "200",
      description = "Most source tokens per sentence; beyond, 422 (default ${DEFAULT-VALUE}).")
  int maxSentenceTokens;

  @Option(names = "--max-samples", paramLabel = "N", defaultValue = "8",
      description = "Most n_samples per request (default ${DEFAULT-VALUE}).")
  int maxSamples;

  @Mixin QuantizeFlag quantize;

  @Option(names = "--workers", paramLabel = "W", defaultValue = "1",
      description = "Threads decoding batches at once (default ${DEFAULT-VALUE}: one batch at a "
          + "time uses the cores best; more need OMP_NUM_THREADS=1).")
  int workers;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
      description = "Largest request body; beyond, 413 (default ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(names = "--shutdown-timeout-ms", paramLabel = "MS", defaultValue = "30000",
      description = "Longest wait for queued work when stopping (default ${DEFAULT-VALUE}).")
  long shutdownTimeoutMs;

  @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "0",
      description = "Translate made-up sentences for S seconds per model before reporting ready, "
          + "so that the first requests do not wait for the JIT compiler (a few seconds bring "
          + "single-sentence latency to its settled value; default ${DEFAULT-VALUE}: none).")
  double warmupSeconds;

  @Option(names = "--shortlist", paramLabel = "[NAME=]FILE",
      description = "A lexical shortlist written by 'nmt4j shortlist' for the model served as "
          + "NAME (FILE alone: the only model); repeat for several models. Translations then "
          + "compute the output layer for the listed tokens only (see translate --shortlist).")
  List<String> shortlists = new ArrayList<>();

  @Mixin LoggingOptions logging;

  @Spec CommandSpec spec;

  @ParentCommand Nmt4jCommand root;

  @Override
  public Integer call() throws Exception {
    ServerConfig config;
    List<ModelArgument> files = new ArrayList<>();
    java.util.Map<String, Path> shortlistFiles;
    try {
      config = new ServerConfig(host, port, maxBatchSize, maxBatchDelayMs, maxQueueSentences,
          maxRequestSentences, maxSentenceTokens, maxSamples, workers, maxBodyBytes, shutdownTimeoutMs);
      java.util.Set<String> names = new java.util.HashSet<>();
      for (String m : models) {
        ModelArgument a = ModelArgument.parse(m);
        if (!names.add(ServedModels.checkName(a.name()))) {
          throw new IllegalArgumentException("two models are named '" + a.name()
              + "': name them with -m NAME=FILE");
        }
        files.add(a);
      }
      shortlistFiles = shortlistFiles(names, files.size() == 1 ? files.get(0).name() : null);
      if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
        throw new IllegalArgumentException(
            "--warmup-seconds must be in [0, 3600], got " + warmupSeconds);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    for (ModelArgument a : files) {
      for (Path f : a.files()) {
        if (!Files.isRegularFile(f)) {
          throw new IllegalArgumentException("no such model file: " + f + " (-m " + a.name() + ")");
        }
      }
    }
    for (java.util.Map.Entry<String, Path> e : shortlistFiles.entrySet()) {
      if (!Files.isRegularFile(e.getValue())) {
        throw new IllegalArgumentException("no such shortlist file: " + e.getValue()
            + " (--shortlist " + e.getKey() + ")");
      }
    }
    logging.apply(spec.commandLine().getErr(), root != null && root.verbose());
    // status lines: none with --quiet
    PrintWriter out = logging.quiet() ? new PrintWriter(java.io.Writer.nullWriter())
        : spec.commandLine().getOut();
    ServedModels served = new ServedModels();
    TranslationServer server = TranslationServer.startLoading(config, served);
    Thread hook = new Thread(() -> {
      out.println("nmt4j serve: stopping: finishing queued translations");
      out.flush();
      server.close();
      out.println("nmt4j serve: stopped");
      out.flush();
    }, "nmt4j-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("nmt4j serve: listening on " + server.uri() + " (loading " + files.size()
        + (files.size() == 1 ? " model)" : " models)"));
    out.flush();
    try {
      for (ModelArgument a : files) {
        Translator translator = Translator.load(a.files(), quantize.value());
        Path shortlist = shortlistFiles.get(a.name());
        if (shortlist != null) {
          translator = translator.withShortlist(shortlist);
          out.println("nmt4j serve: " + a.name() + ": output layer over the shortlist " + shortlist);
          out.flush();
        }
        if (warmupSeconds > 0) {
          long start = System.nanoTime();
          int n = translator.warmUp(Duration.ofNanos((long) (warmupSeconds * 1e9)));
          out.printf(Locale.ROOT, "nmt4j serve: warmed up %s: %d made-up sentences in %.1f s%n",
              a.name(), n, (System.nanoTime() - start) / 1e9);
          out.flush();
        }
        served.add(a.name(), translator);
      }
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      throw e;
    }
    server.markReady();
    out.println("nmt4j serve: ready: " + String.join(", ", served.names()) + " (web page " + server.uri()
        + ", API " + server.uri().resolve("openapi.json") + ")");
    out.flush();
    server.awaitStop();
    return 0;
  }

  /**
   * The --shortlist files by model name.
   *
   * @param names the served models' names
   * @param only the name of the only model, or null when several are served
   */
  private java.util.Map<String, Path> shortlistFiles(java.util.Set<String> names, String only) {
    java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
    for (String value : shortlists) {
      int eq = value.indexOf('=');
      String name = eq < 0 ? only : value.substring(0, eq);
      if (name == null) {
        throw new IllegalArgumentException("--shortlist " + value + ": name the model, "
            + "--shortlist NAME=FILE, when serving several");
      }
      if (!names.contains(name)) {
        throw new IllegalArgumentException("--shortlist " + value + ": no model is named '"
            + name + "' (served: " + String.join(", ", new java.util.TreeSet<>(names)) + ")");
      }
      if (out.put(name, Path.of(value.substring(eq + 1))) != null) {
        throw new IllegalArgumentException("two shortlists for the model '" + name + "'");
      }
    }
    return out;
  }
}