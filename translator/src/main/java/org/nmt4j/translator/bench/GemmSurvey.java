package org.nmt4j.translator.bench;

import java.util.ArrayList;
import java.util.List;
import org.nmt4j.nn.ops.Blas;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.GemmLibrary;
import org.nmt4j.nn.quant.DnnlInt8;
import org.nmt4j.translator.bench.GemmBenchmark.Timing;
import org.nmt4j.translator.model.ModelConfig;

/**
 * What {@code nmt4j bench gemm} measures, in one run on the calling thread with the product
 * threads it has: the float library's speed on square products (the fastest is its peak), at
 * every product shape of the standard model's training step and of a decoded batch ({@link
 * ProductShapes}), and the int8 product of the decoder's output layer; or, with bf16, the same
 * squares and shapes as bf16 training and decoding run them ({@link GemmBenchmark#timeBf16}).
 *
 * @param bf16 whether the squares and shapes ran as bf16 runs them
 * @param library the float product library, e.g. "oneDNN"
 * @param threads its product threads on the calling thread (-1 where the library does not say)
 * @param squares one timing per square size, in the order asked
 * @param training the shapes of one training step
 * @param decoding the shapes of one decoded batch
 * @param int8 the int8 output layer, or null when oneDNN is not available
 * @param wallSeconds wall time of the whole run
 * @param cpuSeconds the process's CPU time during the run
 */
public record GemmSurvey(boolean bf16, String library, int threads, List<Timing> squares,
    List<Timing> training, List<Timing> decoding, Timing int8, double wallSeconds,
    double cpuSeconds) {
  /** Tokens per sentence of the shapes: the benchmarks' lengths 8-20, mean 14, and </s>. */
  public static final int SENTENCE_TOKENS = 15;

  /** Decoding steps per sentence of the shapes: bench translate's default --output-length. */
  public static final int DECODING_STEPS = 30;

  /**
   * Runs the survey for the standard model ({@link TrainBenchmark.Options#standard}).
   *
   * @param sizes sides of the square products, at least one
   * @param batch sentences per batch of the model's shapes
   * @param warmup untimed calls per shape (see {@link GemmBenchmark})
   * @param repeats timed calls per shape
   */
  public static GemmSurvey run(int[] sizes, int batch, int warmup, int repeats) {
    return run(sizes, batch, warmup, repeats, false);
  }

  /**
   * Runs the survey in float32 or as bf16 runs the products.
   *
   * @param bf16 whether to time the squares and shapes as bf16 training and decoding run them
   * @throws IllegalStateException with bf16 where bf16 products cannot run in hardware
   */
  public static GemmSurvey run(int[] sizes, int batch, int warmup, int repeats, boolean bf16) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("at least one square size is needed");
    }
    long start = System.nanoTime();
    long cpuStart = ProcessCpu.nanos();
    TrainBenchmark.Options standard = TrainBenchmark.Options.standard(1, 0);
    ModelConfig config = TrainBenchmark.modelConfig(standard);
    int vocabulary = standard.targetVocabulary();
    String library = bf16 ? "oneDNN matmul, bf16 operands, float sums" : Gemm.floatBackend();
    int threads = bf16 || Gemm.floatLibrary() == GemmLibrary.DNNL ? Blas.openMpThreads()
        : Blas.threads();
    // an untimed pass first: right after start-up the JVM's compiler threads are still busy, and
    // their CPU time would count against the first shapes
    GemmBenchmark.time(List.of(square(sizes[0])), warmup, repeats, bf16);
    List<Timing> squares = new ArrayList<>();
    for (int size : sizes) {
      squares.add(GemmBenchmark.time(List.of(square(size)), warmup, repeats, bf16).get(0));
    }
    List<Timing> training = GemmBenchmark.time(ProductShapes.training(config, vocabulary, batch,
        SENTENCE_TOKENS, SENTENCE_TOKENS), warmup, repeats, bf16);
    List<Timing> decoding = GemmBenchmark.time(ProductShapes.decoding(config, vocabulary, batch,
        SENTENCE_TOKENS, DECODING_STEPS), warmup, repeats, bf16);
    Timing int8;
    try {
      DnnlInt8.requireAvailable();
      int8 = GemmBenchmark.timeInt8(new ProductShape("decoder.output.int8", batch, vocabulary,
          config.decoder().hiddenSize(), false, true, DECODING_STEPS), warmup, repeats);
    } catch (IllegalStateException e) {
      int8 = null; // no oneDNN natives for this platform: no int8 product to time
    }
    return new GemmSurvey(bf16, library, threads, List.copyOf(squares), training, decoding, int8,
        (System.nanoTime() - start) / 1e9, (ProcessCpu.nanos() - cpuStart) / 1e9);
  }

  /** The square with the highest median speed: the library's peak on the wall clock. */
  public Timing peak() {
    Timing best = squares.get(0);
    for (Timing t : squares) {
      best = t.gflops() > best.gflops() ? t : best;
    }
    return best;
  }

  /** The square with the most operations per CPU-second: the peak whatever the load. */
  public Timing cpuPeak() {
    Timing best = squares.get(0);
    for (Timing t : squares) {
      best = t.gflopsPerCpuSecond() > best.gflopsPerCpuSecond() ? t : best;
    }
    return best;
  }

  private static ProductShape square(int size) {
    return new ProductShape("square", size, size, size, false, false, 1);
  }
}
