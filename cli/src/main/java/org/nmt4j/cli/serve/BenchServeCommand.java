package org.nmt4j.cli.serve;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nmt4j.cli.translate.BenchTranslateCommand;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.server.ServerConfig;
import org.nmt4j.server.TranslationServer;
import org.nmt4j.server.client.NmtClient;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j bench serve}: the translation server under load. Serves the standard benchmark
 * model ({@link BenchTranslateCommand#standardModel}, untrained, with whitespace tokens {@code
 * w4 ... w7999}) on a free local port and runs closed-loop clients (each sends one sentence,
 * waits for the answer, sends the next) over HTTP with {@link NmtClient}: 1, 8 and 64 clients,
 * with dynamic batching on and off. Prints sentences/s and the p50/p95/p99 request latency of
 * each run, and, as the reference, the offline {@link Translator#translate} throughput of the
 * same sentences and options in batches of 64.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Measure the HTTP server's throughput and latency at the standard configuration.",
        "An untrained model, sources of 8-20 tokens, at most --max-output-length output tokens: "
            + "sentences/s and p50/p95/p99 latency for 1, 8 and 64 concurrent single-sentence "
            + "clients, dynamic batching on and off, and offline Translator throughput at batch "
            + "64 on the same sentences for comparison."})
public final class BenchServeCommand implements Callable<Integer> {
  @Option(names = "--clients", paramLabel = "N,N,...", split = ",", defaultValue = "1,8,64",
      description = "Concurrent clients of each run (default ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "256",
      description = "Single-sentence requests timed per run (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--max-output-length", paramLabel = "N", description = "Most output tokens per sentence (default ${DEFAULT-VALUE}, as bench translate's --output-length).")
  int maxLength = 30;

  /** The old spelling of --max-output-length, kept hidden. */
  @Option(names = "--max-length", hidden = true, paramLabel = "N")
  void legacyMaxLength(int value) {
    maxLength = value;
  }

  @Option(names = "--max-batch-size", paramLabel = "N", defaultValue = "64",
      description = "Batch size with batching on (default ${DEFAULT-VALUE}).")
  int maxBatchSize;

  @Option(names = "--max-batch-delay-ms", paramLabel = "D", defaultValue = "20",
      description = "Batch delay with batching on (default ${DEFAULT-VALUE}).")
  int maxBatchDelayMs;

  @Option(names = "--workers", paramLabel = "W", defaultValue = "1",
      description = "Decoding threads of the server (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--batching", paramLabel = "on|off,...", split = ",", defaultValue = "on,off",
      description = "Which modes to run (default ${DEFAULT-VALUE}).")
  List<String> batching;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the weights and the sentences (default ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || maxLength < 1 || clients.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("--requests, --max-output-length and --clients must be >= 1");
    }
    for (String mode : batching) {
      if (!mode.equals("on") && !mode.equals("off")) {
        throw new IllegalArgumentException("--batching takes on and/or off, got '" + mode + "'");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    Translator translator = standardTranslator(seed);
    List<String> sentences = sentences(Math.max(requests, 64), seed);
    DecodingOptions options = DecodingOptions.greedy()
        .withMaxLength(maxLength, DecodingOptions.DEFAULT_LENGTH_RATIO, DecodingOptions.DEFAULT_LENGTH_OFFSET);
    out.printf(Locale.ROOT, "bench serve: emb 256 hidden 512 enc 2 dec 2 vocab %d/%d, untrained; "
            + "sources 8-20 tokens, greedy, max %d output tokens; %d requests per run; workers %d; gemm %s%n",
        BenchTranslateCommand.VOCABULARY, BenchTranslateCommand.VOCABULARY, maxLength, requests,
        workers, Gemm.floatBackend());
    out.flush();

    // offline reference: the same sentences through the Translator in batches of 64
    translator.translate(sentences.subList(0, 64), options.withBatchSize(64));
    translator.translate(sentences, options.withBatchSize(64));
    long t0 = System.nanoTime();
    translator.translate(sentences, options.withBatchSize(64));
    double offline = sentences.size() / ((System.nanoTime() - t0) / 1e9);
    out.printf(Locale.ROOT, "offline Translator.translate batch 64: %.1f sent/s (%d sentences)%n",
        offline, sentences.size());
    out.println("mode          clients  sent/s  p50_ms  p95_ms  p99_ms  mean_batch  vs_offline");
    out.flush();
    for (String mode : batching) {
      boolean on = mode.equals("on");
      for (int c : clients) {
        Run r = run(translator, sentences, on, c);
        out.printf(Locale.ROOT, "batching %-4s %7d %7.1f %7.1f %7.1f %7.1f %11.1f %10.0f%%%n", mode, c,
            r.sentencesPerSecond, r.p50, r.p95, r.p99, r.meanBatch, 100 * r.sentencesPerSecond / offline);
        out.flush();
      }
    }
    return 0;
  }

  /** One timed run's figures. */
  private record Run(double sentencesPerSecond, double p50, double p95, double p99, double meanBatch) {}

  private Run run(Translator translator, List<String> sentences, boolean batchingOn, int clientCount)
      throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0)
        .withBatching(batchingOn ? maxBatchSize : 1, batchingOn ? maxBatchDelayMs : 0)
        .withLimits(Math.max(4096, clientCount), 1, 200, 1 << 20).withWorkers(workers);
    try (TranslationServer server = TranslationServer.start(config, "bench", translator)) {
      NmtClient client = new NmtClient(server.uri());
      Map<String, Object> decoding = Map.of("max_length", maxLength);
      ExecutorService pool = Executors.newFixedThreadPool(clientCount);
      try {
        // warm-up: every client connects and sends a few sentences
        load(pool, client, decoding, sentences, clientCount, Math.max(2 * clientCount, 16), null);
        long batches0 = server.metrics().batches();
        double batched0 = server.metrics().batchedSentences();
        double[] latencies = new double[requests];
        long start = System.nanoTime();
        load(pool, client, decoding, sentences, clientCount, requests, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        double meanBatch = (server.metrics().batchedSentences() - batched0)
            / Math.max(1, server.metrics().batches() - batches0);
        return new Run(requests / seconds, percentile(latencies, 50), percentile(latencies, 95),
            percentile(latencies, 99), meanBatch);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Sends {@code total} single-sentence requests from {@code clientCount} closed-loop clients. */
  private static void load(ExecutorService pool, NmtClient client, Map<String, Object> decoding,
      List<String> sentences, int clientCount, int total, double[] latencies) throws Exception {
    AtomicInteger next = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clientCount; c++) {
      done.add(pool.submit(() -> {
        go.await();
        for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
          long t = System.nanoTime();
          client.translate("bench", List.of(sentences.get(i % sentences.size())), decoding);
          if (latencies != null) {
            latencies[i] = (System.nanoTime() - t) / 1e6;
          }
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
  }

  private static double percentile(double[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /**
   * @param seed seed of the weights
   * @return a translator over the standard benchmark model, reading and writing whitespace
   *     tokens {@code w4 ... w7999}
   */
  static Translator standardTranslator(long seed) {
    List<String> tokens = new ArrayList<>();
    for (int i = Vocabulary.SPECIAL_TOKENS.size(); i < BenchTranslateCommand.VOCABULARY; i++) {
      tokens.add("w" + i);
    }
    Vocabulary vocabulary = Vocabulary.ofTokens(tokens);
    TextPipeline pipeline = TextPipeline.of(TokenizerSpec.of(TokenizerSpec.WHITESPACE, TokenizerSpec.UNDETERMINED), null);
    return Translator.of(new Seq2SeqTranslationModel(BenchTranslateCommand.standardModel(seed),
        vocabulary, vocabulary, pipeline, pipeline));
  }

  /** Sentences of 8 to 20 random tokens, as bench translate's. */
  static List<String> sentences(int n, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 8 + random.nextInt(13);
      StringBuilder s = new StringBuilder();
      for (int t = 0; t < len; t++) {
        s.append(t == 0 ? "" : " ").append('w').append(4 + random.nextInt(BenchTranslateCommand.VOCABULARY - 4));
      }
      out.add(s.toString());
    }
    return out;
  }
}
