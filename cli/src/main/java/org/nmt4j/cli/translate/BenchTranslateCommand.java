package org.nmt4j.cli.translate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.bench.BenchJson;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.corpora.batch.SourceBatcher;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.decoder.search.GreedyDecoding;
import org.nmt4j.decoder.search.Hypothesis;
import org.nmt4j.decoder.search.SearchRequest;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.OneCorePool;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.nn.quant.DnnlInt8;
import org.nmt4j.translator.Quantization;
import org.nmt4j.translator.bench.CompilerTime;
import org.nmt4j.translator.bench.FlopCount;
import org.nmt4j.translator.model.Bf16Inference;
import org.nmt4j.translator.model.Int8Quantization;
import org.nmt4j.translator.decode.LengthSortedBatches;
import org.nmt4j.translator.bench.TrainBenchmark;
import org.nmt4j.translator.model.ModelConfig;
import org.nmt4j.translator.model.Seq2SeqModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j bench translate}: greedy decoding speed at the standard configuration, the same
 * workload as the PyTorch reference's {@code bench} (untrained weights, synthetic sources of 8 to
 * 20 tokens, a fixed number of steps per sentence with {@code </s>} forbidden).
 */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = {
        "Measure greedy decoding speed at the standard configuration.",
        "Vocabularies 8000/8000, embeddings 256, hidden 512, 2-layer bidirectional encoder, "
            + "2-layer decoder, untrained weights, sources of 8-20 tokens, exactly "
            + "--output-length steps per sentence (</s> is forbidden, as in the PyTorch "
            + "reference). Prints decode_sent_per_s, decode_tok_per_s, decode_gflops_per_s "
            + "(the weight products' operations per second, see bench gemm for the library's "
            + "peak) and the batch-1 latency. Like translate without --with-score, no "
            + "log-probabilities (the peer computes none either); --with-score adds them."})
public final class BenchTranslateCommand implements Callable<Integer> {
  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Sentences per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--batch-tokens", paramLabel = "T", defaultValue = "0",
      description = {"At most T padded source tokens per batch as well as --batch-size",
          "sentences (default ${DEFAULT-VALUE}: no token limit)."})
  int batchTokens;

  @Option(names = "--parallel-batches", paramLabel = "K", defaultValue = "0",
      description = {"Batches decoded side by side, each on one core with single-threaded",
          "products (default ${DEFAULT-VALUE}: one per core; 1: one batch at a time on all cores)."})
  int parallelBatches;

  @Option(names = "--with-score",
      description = "Also compute each output's log-probability, as translate --with-score "
          + "and the HTTP server do (a softmax normaliser over the vocabulary per step).")
  boolean withScore;

  @Option(names = "--sentences", paramLabel = "N", defaultValue = "256",
      description = "Sentences decoded in the timed run (default ${DEFAULT-VALUE}).")
  int sentences;

  @Option(names = "--output-length", paramLabel = "N", description = "Output tokens (decoding steps) per sentence (default ${DEFAULT-VALUE}).")
  int steps = 30;

  /** The old spelling of --output-length, kept hidden. */
  @Option(names = "--steps", hidden = true, paramLabel = "N")
  void legacySteps(int value) {
    steps = value;
  }

  @Option(names = "--latency-runs", paramLabel = "N", defaultValue = "10",
      description = "Single-sentence decodes timed for the batch-1 latency (default ${DEFAULT-VALUE}).")
  int latencyRuns;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
      description = "Untimed passes over all the sentences before the timed pass, so that the "
          + "JVM's just-in-time compiler has compiled the decoding loops (default ${DEFAULT-VALUE}; "
          + "0: one batch only).")
  int warmup;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the weights and the synthetic sentences (default ${DEFAULT-VALUE}).")
  long seed;

  @Mixin QuantizeFlag quantize;

  @Option(names = "--shortlist-size", paramLabel = "N", defaultValue = "0",
      description = "Decode every batch over a fixed shortlist of N target ids (as translate"
          + " --shortlist would over a batch's listed ids; speed only, the ids are drawn at"
          + " random) instead of the whole vocabulary (default 0: the whole vocabulary).")
  int shortlistSize;

  /** The ids of --shortlist-size, or null. */
  private int[] shortlist;

  @Option(names = "--json", description = "Print the figures as one JSON object instead.")
  boolean json;

  @Spec CommandSpec spec;

  /** The standard configuration of the benchmarks. */
  public static final int VOCABULARY = 8000;

  @Override
  public Integer call() {
    positive("--batch-size", batchSize);
    positive("--sentences", sentences);
    positive("--output-length", steps);
    positive("--latency-runs", latencyRuns);
    FlagValues.require(spec.commandLine(), warmup >= 0, "--warmup must be >= 0, got " + warmup);
    FlagValues.require(spec.commandLine(), batchTokens >= 0,
        "--batch-tokens must be >= 0 (0: no limit), got " + batchTokens);
    FlagValues.require(spec.commandLine(), parallelBatches >= 0,
        "--parallel-batches must be >= 0 (0: one per core), got " + parallelBatches);
    FlagValues.require(spec.commandLine(), shortlistSize >= 0 && shortlistSize <= VOCABULARY,
        "--shortlist-size must be in [0, " + VOCABULARY + "], got " + shortlistSize);
    int workers = parallelBatches == 0 ? OneCorePool.cores() : parallelBatches;
    PrintWriter out = json ? new PrintWriter(Writer.nullWriter())
        : spec.commandLine().getOut();
    Map<String, Object> figures = new LinkedHashMap<>();
    Seq2SeqModel model = standardModel(seed);
    String products = Gemm.floatBackend();
    if (quantize.value() == Quantization.INT8) {
      Int8Quantization.quantize(model);
      products = "int8 oneDNN " + DnnlInt8.instructionSet();
    } else if (quantize.value() == Quantization.BF16) {
      Bf16Inference.prepare(model);
      products = "bf16 oneDNN " + DnnlInt8.instructionSet();
    }
    Random random = new Random(seed);
    // its own generator: the same sentences with and without a shortlist
    shortlist = shortlistSize == 0 ? null : randomShortlist(shortlistSize, new Random(~seed));
    List<int[]> sources = new ArrayList<>();
    for (int i = 0; i < sentences; i++) {
      int[] s = new int[8 + random.nextInt(13)];
      for (int t = 0; t < s.length; t++) {
        s[t] = Vocabulary.SPECIAL_TOKENS.size() + random.nextInt(VOCABULARY - Vocabulary.SPECIAL_TOKENS.size());
      }
      sources.add(s);
    }
    out.printf(Locale.ROOT, "bench translate: params %.2fM emb 256 hidden 512 enc 2 dec 2 vocab %d/%d "
            + "batch %d batch-tokens %d sentences %d steps %d warmup %d parallel-batches %d "
            + "(greedy, </s> forbidden, %s%s) gemm %s%n",
        model.parameters().count() / 1e6, VOCABULARY, VOCABULARY, batchSize, batchTokens,
        sentences, steps, warmup, workers, withScore ? "with scores" : "no scores",
        shortlistSize == 0 ? "" : ", shortlist of " + shortlistSize, products);
    out.flush();
    figures.put("gemm", products);
    figures.put("batch_size", batchSize);
    figures.put("sentences", sentences);
    figures.put("output_length", steps);
    figures.put("warmup", warmup);
    figures.put("parallel_batches", workers);
    figures.put("scores", withScore);
    figures.put("shortlist_size", shortlistSize);

    // widest first, as translate batches
    List<SourceBatch> batches = LengthSortedBatches.of(sources, batchSize, batchTokens, 1);
    long sourceTokens = 0;
    for (SourceBatch b : batches) {
      for (int length : b.sourceLengths()) {
        sourceTokens += length;
      }
    }
    long flops = new FlopCount(standardConfig(), VOCABULARY).decoding(sourceTokens,
        (long) sentences * steps, sentences);
    // warm-up: native libraries, input tables, first allocations, and the JIT compiler, which
    // needs a few thousand steps before the loops run at full speed (and competes for the cores
    // while it compiles)
    decode(model, batches.get(0));
    for (int pass = 0; pass < warmup; pass++) {
      decodeAll(model, batches, workers);
    }
    long cpuStart = processCpuNanos();
    long compilerStart = CompilerTime.millis();
    long start = System.nanoTime();
    long tokens = 0;
    for (Hypothesis[] hyps : decodeAll(model, batches, workers)) {
      for (Hypothesis h : hyps) {
        tokens += h.length();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    long compilerMillis = CompilerTime.since(compilerStart);
    out.printf(Locale.ROOT, "decode_sent_per_s %.1f  (%d sentences in %.2f s, %.2f s of CPU, "
            + "%d ms of JIT compiling)%n", sentences / seconds, sentences, seconds, cpuSeconds,
        compilerMillis);
    out.printf(Locale.ROOT, "decode_tok_per_s %.1f  (%d target tokens)%n", tokens / seconds, tokens);
    double gflops = flops / seconds / 1e9;
    double perCpuSecond = cpuSeconds > 0 ? flops / cpuSeconds / 1e9 : -1;
    out.printf(Locale.ROOT, "decode_gflops_per_s %.1f  (%.1f GFLOP of weight products%s; %.1f "
            + "GFLOP per CPU-second)%n", gflops, flops / 1e9,
        quantize.value() == Quantization.NONE ? ""
            : ", " + quantize.value().id() + " where quantized", perCpuSecond);
    figures.put("decode_sent_per_s", sentences / seconds);
    figures.put("decode_tok_per_s", tokens / seconds);
    figures.put("decode_gflops_per_s", gflops);
    figures.put("decode_gflop_per_cpu_s", perCpuSecond < 0 ? null : perCpuSecond);
    figures.put("seconds", seconds);
    figures.put("cpu_seconds", cpuSeconds);
    figures.put("jit_compile_ms", compilerMillis < 0 ? null : compilerMillis);
    figures.put("product_flops", flops);

    double[] latencies = new double[latencyRuns];
    List<SourceBatch> singles = new SourceBatcher(1).batches(sources.subList(0, Math.min(sentences, latencyRuns + 1)));
    decode(model, singles.get(0));
    for (int r = 0; r < latencyRuns; r++) {
      SourceBatch one = singles.get((r + 1) % singles.size());
      long t0 = System.nanoTime();
      decode(model, one);
      latencies[r] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(latencies);
    out.printf(Locale.ROOT, "latency_batch1_ms %.1f  (median of %d single sentences, %d steps each)%n",
        latencies[latencyRuns / 2], latencyRuns, steps);
    figures.put("latency_batch1_ms", latencies[latencyRuns / 2]);
    long peak = peakResidentMb();
    if (peak > 0) {
      out.printf(Locale.ROOT, "peak_rss_mb %d%n", peak);
      figures.put("peak_rss_mb", peak);
    }
    figures.put("load_average", TrainBenchmark.loadAverage());
    out.flush();
    if (json) {
      BenchJson.print(spec.commandLine().getOut(), figures);
    }
    return 0;
  }

  /**
   * The benchmarks' model: the standard configuration with untrained (seeded) weights.
   *
   * @param seed seed of the weights
   * @return the model, vocabularies {@link #VOCABULARY}/{@link #VOCABULARY}
   */
  public static Seq2SeqModel standardModel(long seed) {
    return Seq2SeqModel.initialise(standardConfig(), VOCABULARY, VOCABULARY, DataType.FLOAT,
        seed);
  }

  /** The configuration of {@link #standardModel}: embeddings 256, hidden 512, 2 + 2 layers. */
  public static ModelConfig standardConfig() {
    return new ModelConfig(new EncoderConfig(256, 512, 2, 0.0),
        new DecoderConfig(256, 512, 2, 0.0, false), InitConfig.defaults());
  }

  /** Decodes every batch, {@code workers} side by side; the hypotheses in batch order. */
  private Hypothesis[][] decodeAll(Seq2SeqModel model, List<SourceBatch> batches, int workers) {
    Hypothesis[][] out = new Hypothesis[batches.size()][];
    OneCorePool.run(batches.size(), workers, i -> out[i] = decode(model, batches.get(i)));
    return out;
  }

  private Hypothesis[] decode(Seq2SeqModel model, SourceBatch batch) {
    int[] max = new int[batch.size()];
    Arrays.fill(max, steps);
    long[] keys = new long[batch.size()];
    // minLength == maxLength: </s> is never chosen, every sentence runs exactly `steps` steps
    SearchRequest request = new SearchRequest(max, keys, steps, Vocabulary.BOS, Vocabulary.EOS)
        .withScores(withScore);
    return new GreedyDecoding().decode(model.startDecoding(batch, shortlist), request);
  }

  /** {@code n} distinct target ids, </s> among them, ascending. */
  private static int[] randomShortlist(int n, Random random) {
    List<Integer> ids = new ArrayList<>();
    for (int v = 0; v < VOCABULARY; v++) {
      if (v != Vocabulary.EOS) {
        ids.add(v);
      }
    }
    java.util.Collections.shuffle(ids, random);
    int[] out = new int[n];
    out[0] = Vocabulary.EOS;
    for (int i = 1; i < n; i++) {
      out[i] = ids.get(i - 1);
    }
    Arrays.sort(out);
    return out;
  }

  private void positive(String option, int value) {
    FlagValues.require(spec.commandLine(), value >= 1, option + " must be >= 1, got " + value);
  }

  /** CPU time of the whole process so far (every thread), or 0 where unavailable. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /** Peak resident memory from /proc (Linux), or -1 where unavailable. */
  private static long peakResidentMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return -1;
  }
}
