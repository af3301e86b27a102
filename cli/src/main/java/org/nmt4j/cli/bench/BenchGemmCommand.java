package org.nmt4j.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.nn.ops.Blas;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.GemmLibrary;
import org.nmt4j.nn.quant.DnnlInt8;
import org.nmt4j.translator.bench.GemmBenchmark;
import org.nmt4j.translator.bench.GemmBenchmark.Timing;
import org.nmt4j.translator.bench.ProductShape;
import org.nmt4j.translator.bench.ProductShapes;
import org.nmt4j.translator.bench.TrainBenchmark;
import org.nmt4j.translator.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j bench gemm}: the float product library's speed on this CPU, at its peak (a large
 * square product) and at the shapes the standard model's training step and greedy decoding use,
 * so that the GFLOP/s of {@code bench train} and {@code bench translate} can be read against it.
 * The peak is the fastest of several square sizes: on a machine shared with other work a long
 * product (2048 cubed is 17 GFLOP) is more often interrupted than a short one.
 */
@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = {
      "Time the float product library at its peak and at the model's product shapes.",
      "The peak is the fastest of the square products of --sizes. The library is the one training and decoding use (oneDNN's sgemm; -Dnmt4j.gemm=openblas "
          + "for OpenBLAS, e.g. JAVA_OPTS=-Dnmt4j.gemm=openblas bin/nmt4j bench gemm). Prints "
          + "gemm_peak_gflops_per_s, GFLOP/s per shape of the standard model (batch "
          + "--batch-size, sentences of 15 tokens, 30 decoding steps), what a training step and "
          + "a decoded batch made of nothing but their products would reach "
          + "(train_products_gflops_per_s, decode_products_gflops_per_s), and the int8 output "
          + "layer's GOP/s; each also per CPU-second of the process, which hardly depends on "
          + "the machine's load."
    })
public final class BenchGemmCommand implements Callable<Integer> {
  /** Tokens per sentence of the shapes: the benchmarks' lengths 8-20, mean 14, and </s>. */
  static final int SENTENCE_TOKENS = 15;

  /** Decoding steps per sentence of the shapes: bench translate's default --output-length. */
  static final int DECODING_STEPS = 30;

  @Spec CommandSpec spec;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Product threads (default ${DEFAULT-VALUE}: as training and decoding run, "
          + "one per available core).")
  int threads;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "10",
      description = "Timed calls per shape; the median gives the speed (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
      description = "Untimed calls per shape first, and more until 0.3 s have passed (default "
          + "${DEFAULT-VALUE}; 0: none).")
  int warmup;

  @Option(names = "--sizes", paramLabel = "N,N...", split = ",", defaultValue = "512,1024,2048",
      description = {"Sides of the square products that measure the peak, the fastest giving",
          "gemm_peak_gflops_per_s (default ${DEFAULT-VALUE})."})
  int[] sizes;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Sentences per batch of the model's shapes (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--json", description = "Print the figures as one JSON object instead.")
  boolean json;

  @Override
  public Integer call() {
    FlagValues.require(spec.commandLine(), threads >= 0,
        "--threads must be >= 0 (0: as training and decoding run), got " + threads);
    FlagValues.require(spec.commandLine(), repeats >= 1, "--repeats must be >= 1, got " + repeats);
    FlagValues.require(spec.commandLine(), warmup >= 0, "--warmup must be >= 0, got " + warmup);
    for (int size : sizes) {
      FlagValues.require(spec.commandLine(), size >= 1, "--sizes must be >= 1, got " + size);
    }
    FlagValues.require(spec.commandLine(), batchSize >= 1,
        "--batch-size must be >= 1, got " + batchSize);
    Measured m = new Measured();
    if (threads == 0) {
      m.measure();
    } else {
      Blas.withThreads(threads, m::measure);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      BenchJson.print(out, m.figures());
    } else {
      m.print(out);
    }
    return 0;
  }

  /** The timings of one run, taken on the calling thread with its product threads. */
  private final class Measured {
    private final ModelConfig config =
        TrainBenchmark.modelConfig(TrainBenchmark.Options.standard(1, 0));
    private final int vocabulary = TrainBenchmark.Options.standard(1, 0).targetVocabulary();
    private String library;
    private int threadsUsed;
    private List<Timing> squares;
    private Timing peak;
    private double wallSeconds;
    private double cpuSeconds;
    private List<Timing> training;
    private List<Timing> decoding;
    private Timing int8;
    private String int8Unavailable;

    void measure() {
      long start = System.nanoTime();
      double cpuStart = TrainBenchmark.processCpuSeconds();
      library = Gemm.floatBackend();
      threadsUsed = threads > 0 ? threads
          : Gemm.floatLibrary() == GemmLibrary.DNNL ? Blas.openMpThreads() : Blas.threads();
      // an untimed pass first: right after start-up the JVM's compiler threads are still busy,
      // and their CPU time would count against the first shapes
      GemmBenchmark.time(new ProductShape("square", sizes[0], sizes[0], sizes[0], false, false, 1),
          warmup, repeats);
      squares = new ArrayList<>();
      for (int size : sizes) {
        squares.add(GemmBenchmark.time(new ProductShape("square", size, size, size, false, false,
            1), warmup, repeats));
      }
      peak = squares.get(0);
      for (Timing t : squares) {
        peak = t.gflops() > peak.gflops() ? t : peak;
      }
      training = GemmBenchmark.time(ProductShapes.training(config, vocabulary, batchSize,
          SENTENCE_TOKENS, SENTENCE_TOKENS), warmup, repeats);
      decoding = GemmBenchmark.time(ProductShapes.decoding(config, vocabulary, batchSize,
          SENTENCE_TOKENS, DECODING_STEPS), warmup, repeats);
      ProductShape output = new ProductShape("decoder.output.int8", batchSize, vocabulary,
          config.decoder().hiddenSize(), false, true, DECODING_STEPS);
      try {
        DnnlInt8.requireAvailable();
        int8 = GemmBenchmark.timeInt8(output, warmup, repeats);
      } catch (IllegalStateException e) {
        int8Unavailable = e.getMessage();
      }
      wallSeconds = (System.nanoTime() - start) / 1e9;
      cpuSeconds = TrainBenchmark.processCpuSeconds() - cpuStart;
    }

    void print(PrintWriter out) {
      out.printf(Locale.ROOT, "bench gemm: %s, %s threads, median of %d calls after %d warm-up "
              + "calls; model shapes at batch %d, %d tokens per sentence, %d decoding steps%n",
          library, threadsUsed > 0 ? Integer.toString(threadsUsed) : "the library's default",
          repeats, warmup, batchSize, SENTENCE_TOKENS, DECODING_STEPS);
      out.println("  what   product                  stored operands                  calls "
          + "  GFLOP/s  (median ms, best GFLOP/s, GFLOP per CPU-second)");
      for (Timing t : squares) {
        printTiming(out, "square", t);
      }
      out.printf(Locale.ROOT, "gemm_peak_gflops_per_s %.1f  (%s, median %.1f ms, best %.1f "
          + "GFLOP/s)%n", peak.gflops(), peak.shape().geometry(), peak.medianMillis(),
          peak.bestGflops());
      out.printf(Locale.ROOT, "gemm_peak_gflop_per_cpu_s %.1f  (the fastest square per "
          + "CPU-second of the process: %s)%n", cpuPeak().gflopsPerCpuSecond(),
          cpuPeak().shape().geometry());
      printShapes(out, "train", training);
      printShapes(out, "decode", decoding);
      if (int8 != null) {
        out.printf(Locale.ROOT, "int8_output_gops_per_s %.1f  (%s %s, quantizing x included, "
                + "median %.3f ms, best %.1f GOP/s, %.1f GOP per CPU-second)%n", int8.gflops(),
            int8.shape().name(), int8.shape().geometry(), int8.medianMillis(), int8.bestGflops(),
            int8.gflopsPerCpuSecond());
      } else {
        out.println("int8_output_gops_per_s n/a  (" + int8Unavailable + ")");
      }
      out.printf(Locale.ROOT, "wall %.1f s, process CPU %.1f s, load average %.2f%n",
          wallSeconds, cpuSeconds, TrainBenchmark.loadAverage());
      out.flush();
    }

    private void printShapes(PrintWriter out, String what, List<Timing> timings) {
      for (Timing t : timings) {
        printTiming(out, what, t);
      }
      double mix = GemmBenchmark.mixGflops(timings);
      double cpuMix = GemmBenchmark.mixGflopsPerCpuSecond(timings);
      out.printf(Locale.ROOT, "%s_products_gflops_per_s %.1f  (%d products, %.2f GFLOP, %.0f%% "
              + "of the peak)%n", what, mix, calls(timings), flops(timings) / 1e9,
          100 * mix / peak.gflops());
      out.printf(Locale.ROOT, "%s_products_gflop_per_cpu_s %.1f  (%.0f%% of the peak per "
          + "CPU-second)%n", what, cpuMix, 100 * cpuMix / cpuPeak().gflopsPerCpuSecond());
    }

    private void printTiming(PrintWriter out, String what, Timing t) {
      ProductShape s = t.shape();
      out.printf(Locale.ROOT, "  %-6s %-24s %-32s x%-5d %7.1f  (%.3f ms, %.1f, %.1f)%n", what,
          s.name(), s.geometry(), s.calls(), t.gflops(), t.medianMillis(), t.bestGflops(),
          t.gflopsPerCpuSecond());
    }

    /** The square with the most operations per CPU-second. */
    private Timing cpuPeak() {
      Timing best = squares.get(0);
      for (Timing t : squares) {
        best = t.gflopsPerCpuSecond() > best.gflopsPerCpuSecond() ? t : best;
      }
      return best;
    }

    Map<String, Object> figures() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("library", library);
      f.put("threads", threadsUsed);
      f.put("repeats", repeats);
      f.put("warmup", warmup);
      f.put("batch_size", batchSize);
      f.put("gemm_peak_gflops_per_s", peak.gflops());
      f.put("gemm_peak_best_gflops_per_s", peak.bestGflops());
      f.put("peak_size", peak.shape().m());
      f.put("gemm_peak_gflop_per_cpu_s", cpuPeak().gflopsPerCpuSecond());
      f.put("squares", shapes(squares));
      f.put("train_products_gflops_per_s", GemmBenchmark.mixGflops(training));
      f.put("decode_products_gflops_per_s", GemmBenchmark.mixGflops(decoding));
      f.put("train_products_gflop_per_cpu_s", GemmBenchmark.mixGflopsPerCpuSecond(training));
      f.put("decode_products_gflop_per_cpu_s", GemmBenchmark.mixGflopsPerCpuSecond(decoding));
      f.put("int8_output_gops_per_s", int8 == null ? null : int8.gflops());
      f.put("int8_output_gop_per_cpu_s", int8 == null ? null : int8.gflopsPerCpuSecond());
      f.put("train_shapes", shapes(training));
      f.put("decode_shapes", shapes(decoding));
      f.put("wall_seconds", wallSeconds);
      f.put("cpu_seconds", cpuSeconds);
      f.put("load_average", TrainBenchmark.loadAverage());
      return f;
    }

    private List<Map<String, Object>> shapes(List<Timing> timings) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Timing t : timings) {
        ProductShape s = t.shape();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("m", s.m());
        m.put("n", s.n());
        m.put("k", s.k());
        m.put("trans_a", s.transA());
        m.put("trans_b", s.transB());
        m.put("calls", s.calls());
        m.put("median_ms", t.medianMillis());
        m.put("gflops_per_s", t.gflops());
        m.put("best_gflops_per_s", t.bestGflops());
        m.put("cpu_ms", t.cpuMillis());
        m.put("gflop_per_cpu_s", t.gflopsPerCpuSecond());
        list.add(m);
      }
      return list;
    }
  }

  private static long calls(List<Timing> timings) {
    long n = 0;
    for (Timing t : timings) {
      n += t.shape().calls();
    }
    return n;
  }

  private static long flops(List<Timing> timings) {
    long n = 0;
    for (Timing t : timings) {
      n += t.shape().totalFlops();
    }
    return n;
  }
}
