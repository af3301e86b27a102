package org.nmt4j.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.train.PrecisionFlag;
import org.nmt4j.spark.SparkSettings;
import org.nmt4j.spark.SparkTrainBenchmark;
import org.nmt4j.spark.SparkTraining;
import org.nmt4j.translator.bench.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j bench train}: training steps on synthetic batches at the standard configuration
 * (vocabularies 8000/8000, embedding 256, hidden 512, 2-layer bidirectional encoder, 2-layer
 * decoder, batch 64, lengths uniform 8-20), Adam and clipping included.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Time training steps on synthetic batches at the standard configuration.",
      "Prints train_tok_per_s (target tokens per second over the timed steps), peak_rss_mb and "
          + "train_gflops_per_s (the weight products' operations per second, forward and "
          + "backward; see bench gemm for the library's peak)."
    })
public final class BenchTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--timed-steps", paramLabel = "N", description = "Timed steps (default: ${DEFAULT-VALUE}).")
  int steps = 8;

  /** The old spelling of --timed-steps, kept hidden. */
  @Option(names = "--steps", hidden = true, paramLabel = "N")
  void legacySteps(int value) {
    steps = value;
  }

  @Option(names = "--warmup", defaultValue = "2", paramLabel = "N", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Sentences per batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--hidden", defaultValue = "512", paramLabel = "N", description = "Hidden size (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--emb", defaultValue = "256", paramLabel = "N", description = "Embedding size (default: ${DEFAULT-VALUE}).")
  int embedding;

  @Option(names = "--vocab", defaultValue = "8000", paramLabel = "N", description = "Source and target vocabulary size (default: ${DEFAULT-VALUE}).")
  int vocabulary;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of data and weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--cell", defaultValue = "lstm", paramLabel = "CELL", description = "Recurrent cell of encoder and decoder: lstm, gru or rnn (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = "--progress", description = "Print one line per step on stderr.")
  boolean progress;

  @Option(names = "--json", description = "Print the figures as one JSON object instead.")
  boolean json;

  @Option(names = "--spark", paramLabel = "MASTER", description = "Time synchronous "
      + "data-parallel steps on Spark instead (e.g. local[2]): each batch split into --workers "
      + "equal shares.")
  String sparkMaster;

  @Option(names = "--workers", paramLabel = "N", description = "With --spark: workers, a "
      + "divisor of --batch-size (default: Spark's default parallelism).")
  Integer workers;

  @Mixin PrecisionFlag precision;

  @Override
  public Integer call() {
    precision.apply(spec.commandLine());
    FlagValues.require(spec.commandLine(), sparkMaster == null || !precision.bf16(),
        "--precision bf16 is not available with --spark");
    TrainBenchmark.Options s = TrainBenchmark.Options.standard(steps, warmup);
    TrainBenchmark.Options o = new TrainBenchmark.Options(steps, warmup, seed, batchSize,
        vocabulary, vocabulary, embedding, hidden, s.encoderLayers(), s.decoderLayers(),
        s.minLength(), s.maxLength(), s.dropout(), s.learningRate(), s.clip(), cell);
    FlagValues.require(spec.commandLine(), workers == null || sparkMaster != null,
        "--workers needs --spark MASTER");
    TrainBenchmark.Result r;
    if (sparkMaster == null) {
      r = TrainBenchmark.run(o, progress ? System.err : null);
    } else {
      SparkSettings settings = FlagValues.check(spec.commandLine(),
          () -> new SparkSettings(sparkMaster, workers == null ? 0 : workers));
      try (SparkTraining spark = SparkTraining.start(settings)) {
        FlagValues.require(spec.commandLine(), batchSize % spark.workers() == 0, "--batch-size "
            + batchSize + " must be a multiple of --workers " + spark.workers());
        spec.commandLine().getErr().printf("spark %s, %d workers%n", spark.master(),
            spark.workers());
        r = SparkTrainBenchmark.run(o, spark, progress ? System.err : null);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      BenchJson.print(out, figures(r));
    } else {
      out.println(r.report());
      out.flush();
    }
    return 0;
  }

  /** The figures of {@link TrainBenchmark.Result#report()}, named as it names them. */
  private static Map<String, Object> figures(TrainBenchmark.Result r) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("train_tok_per_s", r.targetTokensPerSecond());
    f.put("steps", r.steps());
    f.put("target_tokens", r.targetTokens());
    f.put("seconds", r.seconds());
    f.put("median_step_ms", r.medianStepMillis());
    f.put("best_step_tok_per_s", r.bestStepTokensPerSecond());
    f.put("parameters", r.parameterCount());
    f.put("last_loss", r.lastLoss());
    f.put("cpu_seconds", r.cpuSeconds());
    f.put("jit_compile_ms", r.compilerMillis() < 0 ? null : r.compilerMillis());
    f.put("load_average", r.loadAverage());
    f.put("peak_rss_mb", r.peakRssMb());
    f.put("train_gflops_per_s", r.productFlops() < 0 ? null : r.productGflopsPerSecond());
    f.put("train_gflop_per_cpu_s",
        r.productGflopsPerCpuSecond() < 0 ? null : r.productGflopsPerCpuSecond());
    f.put("product_flops", r.productFlops() < 0 ? null : r.productFlops());
    return f;
  }
}
