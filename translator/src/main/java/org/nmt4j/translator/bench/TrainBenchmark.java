package org.nmt4j.translator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.recurrent.CellType;
import org.nmt4j.nn.ElementwiseThreads;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.NativeMalloc;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.model.ModelConfig;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.translator.train.AdamOptimizer;
import org.nmt4j.translator.train.GradientClipper;

/**
 * Training speed on synthetic data at a fixed configuration: what {@code nmt4j bench train}
 * reports.
 *
 * <p>Workload, matching the PyTorch reference ({@code shared/bench/peer_torch.py bench}): random
 * sentence pairs with both sides' lengths uniform in [minLength, maxLength] (ids drawn from the
 * non-special range), length-bucketed as the reference does (all pairs sorted by (source,
 * target) length, cut into batches, batch order shuffled), float32, Adam with global-norm
 * clipping, dropout on. Each timed step is forward, backward, clipping and the Adam update;
 * warm-up steps are excluded. After each step the freed native memory is returned to the system
 * ({@link NativeMalloc#trim()}), as the trainer does. Target tokens count the real predicted
 * positions (tokens + the {@code </s>}), as the reference does.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  /**
   * What to run.
   *
   * @param steps timed steps
   * @param warmup untimed steps before them
   * @param seed seed of data, weights and dropout
   * @param cell the recurrent cell of encoder and decoder: lstm, gru or rnn
   */
  public record Options(int steps, int warmup, long seed, int batchSize, int sourceVocabulary,
      int targetVocabulary, int embedding, int hidden, int encoderLayers, int decoderLayers,
      int minLength, int maxLength, double dropout, double learningRate, double clip,
      String cell) {
    /** Validates the options, naming the one at fault. */
    public Options {
      if (steps < 1) {
        throw new IllegalArgumentException("--timed-steps must be >= 1, got " + steps);
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
      }
      if (minLength < 1 || maxLength < minLength) {
        throw new IllegalArgumentException("lengths must satisfy 1 <= min <= max, got "
            + minLength + ".." + maxLength);
      }
      CellType.of("--cell", cell);
    }

    /**
     * The standard configuration: vocabularies 8000/8000, embedding 256, hidden 512, 2-layer
     * bidirectional encoder, 2-layer decoder, batch 64, lengths 8-20, dropout 0.3, Adam 1e-3,
     * clip 1.0, LSTM cells.
     */
    public static Options standard(int steps, int warmup) {
      return new Options(steps, warmup, 1, 64, 8000, 8000, 256, 512, 2, 2, 8, 20, 0.3, 1e-3, 1.0,
          CellType.LSTM.id());
    }
  }

  /**
   * Measured figures.
   *
   * @param targetTokensPerSecond real target tokens of the timed steps over their wall time
   * @param targetTokens real target tokens in the timed steps
   * @param seconds wall time of the timed steps
   * @param steps timed steps
   * @param medianStepMillis median time of one timed step
   * @param peakRssMb peak resident memory of the process (VmHWM), or -1 where unknown
   * @param lastLoss mean loss of the last step
   * @param parameterCount number of trainable scalars
   * @param cpuSeconds CPU time of the whole process (all threads) during the timed steps, or
   *     -1 where unknown; with {@code seconds} it shows how much of the machine the run had
   * @param loadAverage the machine's 1-minute load average at the end, or -1 where unknown
   * @param bestStepTokensPerSecond target tokens per second of the fastest timed step (on a
   *     machine shared with other work, the closest figure to an idle machine's)
   * @param productFlops operations of the weight products in the timed steps ({@link
   *     FlopCount}), or -1 where not counted
   * @param compilerMillis time the JIT compilers spent compiling during the timed steps
   *     ({@link CompilerTime}), or -1 where unknown
   */
  public record Result(double targetTokensPerSecond, long targetTokens, double seconds, int steps,
      double medianStepMillis, double peakRssMb, double lastLoss, long parameterCount,
      double cpuSeconds, double loadAverage, double bestStepTokensPerSecond, long productFlops,
      long compilerMillis) {
    /**
     * The weight products' operations per second of wall time over the timed steps, in
     * GFLOP/s, or -1 where not counted.
     */
    public double productGflopsPerSecond() {
      return productFlops < 0 ? -1 : productFlops / seconds / 1e9;
    }

    /**
     * The weight products' operations per CPU-second of the process over the timed steps, in
     * GFLOP: against {@code bench gemm}'s figure per CPU-second, the fraction of the library's
     * peak that hardly depends on the machine's load. -1 where not known.
     */
    public double productGflopsPerCpuSecond() {
      return productFlops < 0 || cpuSeconds <= 0 ? -1 : productFlops / cpuSeconds / 1e9;
    }

    /** The lines {@code nmt4j bench train} prints. */
    public String report() {
      String gflops = productFlops < 0 ? "" : String.format(java.util.Locale.ROOT,
          "%ntrain_gflops_per_s %.1f  (%.1f GFLOP of weight products in the timed steps, "
              + "forward and backward; %.1f GFLOP per CPU-second)", productGflopsPerSecond(),
          productFlops / 1e9, productGflopsPerCpuSecond());
      return String.format(java.util.Locale.ROOT,
          "train_tok_per_s %.1f  (%d steps, %d target tokens, %.2fs, median step %.0f ms, "
              + "best step %.1f tok/s, %d parameters, last loss %.3f, cpu %.1fs, jit %d ms, "
              + "load %.2f)%n"
              + "peak_rss_mb %.1f",
          targetTokensPerSecond, steps, targetTokens, seconds, medianStepMillis,
          bestStepTokensPerSecond, parameterCount, lastLoss, cpuSeconds, compilerMillis,
          loadAverage, peakRssMb)
          + gflops;
    }
  }

  /**
   * Builds the model and data, runs warm-up and timed steps.
   *
   * @param progress where to print one line per step, or null
   */
  public static Result run(Options o, PrintStream progress) {
    Seq2SeqModel model = Seq2SeqModel.initialise(modelConfig(o), o.sourceVocabulary(),
        o.targetVocabulary(), DataType.FLOAT, o.seed());
    List<Batch> batches = syntheticBatches(o);
    Parameters params = model.parameters();
    // the trainer's optimiser and clipping (ND4J's Adam defaults: 0.9, 0.999, 1e-8)
    AdamOptimizer adam = new AdamOptimizer(params, o.learningRate(), 0.9, 0.999, 1e-8);
    GradientClipper clipper = new GradientClipper(o.clip());

    StepTally tally = new StepTally(o, progress);
    FlopCount flops = new FlopCount(modelConfig(o), o.targetVocabulary());
    for (int i = 0; i < o.warmup() + o.steps(); i++) {
      tally.beforeStep(i);
      Batch batch = batches.get(i);
      tally.countProducts(i, flops.trainingStep(batch));
      long t0 = System.nanoTime();
      LossStats stats = model.forwardBackward(batch, o.seed() * 1_000_003L + i);
      try (ElementwiseThreads.Section wide = ElementwiseThreads.wide()) {
        double norm = params.gradientNorm();
        adam.step(i, clipper.scaleFor(norm));
      }
      // as the trainer does after each step: the step's freed temporaries go back to the system
      NativeMalloc.trim();
      tally.afterStep(i, stats, t0, System.nanoTime());
    }
    return tally.result(params.count());
  }

  /** The benchmark model: the options' sizes and cell on both sides, default initialisation. */
  public static ModelConfig modelConfig(Options o) {
    return new ModelConfig(
        new EncoderConfig(o.embedding(), o.hidden(), o.encoderLayers(), o.dropout(), o.cell()),
        new DecoderConfig(o.embedding(), o.hidden(), o.decoderLayers(), o.dropout(), false, false,
            o.cell()),
        InitConfig.defaults());
  }

  /**
   * The bookkeeping of a benchmark's steps, whatever computes them: the timed window (wall and
   * process CPU time), target tokens, step times, the best step's rate, the last loss, and one
   * progress line per step.
   */
  public static final class StepTally {
    private final Options o;
    private final PrintStream progress;
    private final double[] stepMillis;
    private long tokens;
    private long productFlops = -1;
    private double bestRate;
    private double lastLoss = Double.NaN;
    private long timedStart;
    private double cpuStart = -1;
    private long compilerStart = -1;

    /** @param progress where to print one line per step, or null */
    public StepTally(Options o, PrintStream progress) {
      this.o = o;
      this.progress = progress;
      this.stepMillis = new double[o.steps()];
    }

    /** Call before step {@code i} (0-based, warm-up steps first): starts the timed window. */
    public void beforeStep(int i) {
      if (i == o.warmup()) {
        timedStart = System.nanoTime();
        cpuStart = processCpuSeconds();
        compilerStart = CompilerTime.millis();
      }
    }

    /**
     * Adds the weight products' operations of step {@code i} (see {@link FlopCount}); nothing
     * for a warm-up step. Without any call the result has no GFLOP/s figure.
     */
    public void countProducts(int i, long flops) {
      if (i >= o.warmup()) {
        productFlops = Math.max(0, productFlops) + flops;
      }
    }

    /**
     * Call after step {@code i}, with its loss and its start and end ({@link System#nanoTime}).
     *
     * @throws IllegalStateException when the loss is not finite
     */
    public void afterStep(int i, LossStats stats, long t0, long t1) {
      lastLoss = stats.mean();
      if (!Double.isFinite(lastLoss)) {
        throw new IllegalStateException("benchmark loss is " + lastLoss + " at step " + i);
      }
      if (i >= o.warmup()) {
        tokens += stats.tokens();
        stepMillis[i - o.warmup()] = (t1 - t0) / 1e6;
        bestRate = Math.max(bestRate, stats.tokens() / ((t1 - t0) / 1e9));
      }
      if (progress != null) {
        progress.printf(java.util.Locale.ROOT, "%s step %d: %d tokens, loss %.3f, %.0f ms%n",
            i < o.warmup() ? "warmup" : "timed", i, stats.tokens(), lastLoss, (t1 - t0) / 1e6);
      }
    }

    /** The result, after the last step. */
    public Result result(long parameterCount) {
      double seconds = (System.nanoTime() - timedStart) / 1e9;
      double cpuEnd = processCpuSeconds();
      double[] sorted = stepMillis.clone();
      Arrays.sort(sorted);
      return new Result(tokens / seconds, tokens, seconds, o.steps(), sorted[sorted.length / 2],
          peakRssMb(), lastLoss, parameterCount,
          cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart, loadAverage(), bestRate,
          productFlops, CompilerTime.since(compilerStart));
    }
  }

  /** Random pairs, bucketed by length as the reference does: warmup + steps batches. */
  static List<Batch> syntheticBatches(Options o) {
    SplittableRandom random = new SplittableRandom(o.seed());
    int count = (o.warmup() + o.steps()) * o.batchSize();
    List<int[][]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      pairs.add(new int[][] {sentence(random, o.sourceVocabulary(), o),
          sentence(random, o.targetVocabulary(), o)});
    }
    pairs.sort(Comparator.<int[][]>comparingInt(p -> p[0].length).thenComparingInt(p -> p[1].length));
    List<Batch> batches = new ArrayList<>();
    for (int start = 0; start < count; start += o.batchSize()) {
      batches.add(toBatch(pairs.subList(start, Math.min(count, start + o.batchSize()))));
    }
    for (int i = batches.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Batch tmp = batches.get(i);
      batches.set(i, batches.get(j));
      batches.set(j, tmp);
    }
    return batches;
  }

  /** A random sentence of ids above the special tokens, length uniform in [min, max]. */
  public static int[] sentence(SplittableRandom random, int vocabulary, Options o) {
    int[] s = new int[random.nextInt(o.minLength(), o.maxLength() + 1)];
    for (int i = 0; i < s.length; i++) {
      s[i] = random.nextInt(Vocabulary.SPECIAL_TOKENS.size(), vocabulary);
    }
    return s;
  }

  private static Batch toBatch(List<int[][]> pairs) {
    int n = pairs.size();
    int sw = 0;
    int tw = 0;
    for (int[][] p : pairs) {
      sw = Math.max(sw, p[0].length + 1);
      tw = Math.max(tw, p[1].length + 1);
    }
    int[][] src = new int[n][sw];
    int[][] tin = new int[n][tw];
    int[][] tout = new int[n][tw];
    int[] sl = new int[n];
    int[] tl = new int[n];
    long[] idx = new long[n];
    for (int b = 0; b < n; b++) {
      int[] s = pairs.get(b)[0];
      int[] t = pairs.get(b)[1];
      System.arraycopy(s, 0, src[b], 0, s.length);
      src[b][s.length] = Vocabulary.EOS;
      sl[b] = s.length + 1;
      tin[b][0] = Vocabulary.BOS;
      System.arraycopy(t, 0, tin[b], 1, t.length);
      System.arraycopy(t, 0, tout[b], 0, t.length);
      tout[b][t.length] = Vocabulary.EOS;
      tl[b] = t.length + 1;
      idx[b] = b;
    }
    return new Batch(src, sl, tin, tout, tl, idx);
  }

  /** Peak resident set size of this process in MB from /proc/self/status (VmHWM), or -1. */
  public static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** User + system CPU seconds of this process (all threads) from /proc/self/stat, or -1. */
  public static double processCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.UTF_8);
      // fields after the parenthesised command name; utime and stime are fields 14 and 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The 1-minute load average from /proc/loadavg, or -1. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
          .trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Runs the standard configuration: {@code [steps [warmup]]} (default 20 and 3). */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Result r = run(Options.standard(steps, warmup),
        Boolean.getBoolean("nmt4j.bench.verbose") ? System.out : null);
    System.out.println(r.report());
  }
}
