package org.nmt4j.cli.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.train.PrecisionFlag;
import org.nmt4j.nn.ops.Blas;
import org.nmt4j.nn.quant.DnnlBf16;
import org.nmt4j.translator.bench.GemmSurvey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "The peak is the fastest of the square products of --sizes. The library is the one "
          + "training and decoding use (oneDNN's sgemm; -Dnmt4j.gemm=openblas for OpenBLAS, "
          + "e.g. JAVA_OPTS=-Dnmt4j.gemm=openblas bin/nmt4j bench gemm). Prints "
          + "gemm_peak_gflops_per_s, GFLOP/s per shape of the standard model (batch "
          + "--batch-size, sentences of 15 tokens, 30 decoding steps), what a training step and "
          + "a decoded batch made of nothing but their products would reach "
          + "(train_products_gflops_per_s, decode_products_gflops_per_s), and the int8 output "
          + "layer's GOP/s; each also per CPU-second of the process, which hardly depends on "
          + "the machine's load. With --precision bf16, the squares and shapes run as bf16 "
          + "training and decoding run them (oneDNN's matmul with bf16 operands and float sums, "
          + "weights converted once; CPUs with AMX or AVX-512 BF16)."
    })
public final class BenchGemmCommand implements Callable<Integer> {
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

  @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "512,1024,2048",
      description = "Sides of the square products that measure the peak, the fastest giving "
          + "gemm_peak_gflops_per_s (default ${DEFAULT-VALUE}).")
  int[] sizes;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Sentences per batch of the model's shapes (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--json", description = "Print the figures as one JSON object instead.")
  boolean json;

  @Mixin PrecisionFlag precision;

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
    if (precision.bf16()) {
      try {
        DnnlBf16.requireAvailable();
      } catch (IllegalStateException e) {
        FlagValues.require(spec.commandLine(), false, "--precision bf16: " + e.getMessage());
      }
    }
    GemmSurvey[] survey = new GemmSurvey[1];
    Runnable run = () -> survey[0] = GemmSurvey.run(sizes, batchSize, warmup, repeats,
        precision.bf16());
    if (threads == 0) {
      run.run();
    } else {
      Blas.withThreads(threads, run);
    }
    GemmReport report = new GemmReport(survey[0], warmup, repeats, batchSize);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      BenchJson.print(out, report.figures());
    } else {
      report.print(out);
    }
    return 0;
  }
}
