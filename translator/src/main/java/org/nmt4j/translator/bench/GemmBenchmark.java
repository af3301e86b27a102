package org.nmt4j.translator.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.quant.Bf16Products;
import org.nmt4j.nn.quant.Bf16Weights;
import org.nmt4j.nn.quant.DnnlBf16;
import org.nmt4j.nn.quant.MixedPrecision;
import org.nmt4j.nn.quant.QuantizedMatrix;

/**
 * Times float matrix products through {@link Gemm#gemm} (the library chosen with {@code
 * -Dnmt4j.gemm}, oneDNN's sgemm by default), one shape at a time, on the calling thread with the
 * product threads it has: what {@code nmt4j bench gemm} reports.
 *
 * <p>Each shape gets its own operands (uniform in [-1, 1), so no denormals), {@code warmup}
 * untimed calls (and more until 0.3 s have passed), then {@code repeats} timed calls; the median call gives the speed, the fastest
 * the best speed (on a machine shared with other work, the nearer figure to an idle machine's),
 * and the process's CPU time over the timed calls the operations per CPU-second, which hardly
 * depend on how busy the machine is (see {@link ProcessCpu}).
 */
public final class GemmBenchmark {
  /** The least time spent on warm-up calls of each shape when any are asked for. */
  static final long WARMUP_NANOS = 300_000_000L;

  private GemmBenchmark() {}

  /**
   * The speed of one shape.
   *
   * @param medianMillis median wall time of one call
   * @param bestMillis fastest call
   * @param cpuMillis the process's CPU time per call (all threads; mean of the timed calls), or
   *     -1 where unknown
   */
  public record Timing(ProductShape shape, double medianMillis, double bestMillis,
      double cpuMillis) {
    /** Operations per second of the median call, in GFLOP/s. */
    public double gflops() {
      return shape.flops() / (medianMillis * 1e6);
    }

    /** Operations per second of the fastest call, in GFLOP/s. */
    public double bestGflops() {
      return shape.flops() / (bestMillis * 1e6);
    }

    /** Operations per CPU-second of the process, in GFLOP, or -1 where unknown. */
    public double gflopsPerCpuSecond() {
      return cpuMillis <= 0 ? -1 : shape.flops() / (cpuMillis * 1e6);
    }
  }

  /**
   * Times every shape; shapes of the same geometry are timed once.
   *
   * @throws IllegalArgumentException when {@code repeats < 1} or {@code warmup < 0}
   */
  public static List<Timing> time(List<ProductShape> shapes, int warmup, int repeats) {
    return time(shapes, warmup, repeats, false);
  }

  /**
   * Times every shape in float32 or as bf16 runs it ({@link #timeBf16}); shapes of the same
   * geometry and kind are timed once.
   */
  public static List<Timing> time(List<ProductShape> shapes, int warmup, int repeats,
      boolean bf16) {
    List<Timing> out = new ArrayList<>();
    for (ProductShape s : shapes) {
      Timing same = null;
      for (Timing t : out) {
        if (t.shape().sameGeometry(s) && (!bf16 || sameKind(t.shape(), s))) {
          same = t;
        }
      }
      out.add(same != null ? new Timing(s, same.medianMillis(), same.bestMillis(),
          same.cpuMillis()) : bf16 ? timeBf16(s, warmup, repeats) : time(s, warmup, repeats));
    }
    return out;
  }

  /** Times one float product. */
  public static Timing time(ProductShape s, int warmup, int repeats) {
    check(warmup, repeats);
    INDArray a = operand(s.m(), s.k());
    INDArray b = operand(s.k(), s.n());
    INDArray c = Nd4j.create(DataType.FLOAT, s.m(), s.n());
    int lda = s.transA() ? s.m() : s.k();
    int ldb = s.transB() ? s.k() : s.n();
    return timeCalls(s, warmup, repeats, () -> Gemm.gemm(s.transA(), s.transB(), s.m(), s.n(),
        s.k(), 1, a, 0, lda, b, 0, ldb, 0, c, 0, s.n()));
  }

  /**
   * Times one product as bf16 training and decoding run it ({@code --precision bf16}, {@code
   * --quantize bf16}; see {@link Bf16Weights}): a product that reads a weight matrix (every
   * shape but the weight gradients, whose names end in {@code .dW}, and the bridge, which stays
   * float) with B registered as bf16 weights, so it is converted and reordered once, before the
   * timed calls, and each call converts the rows of A; a weight gradient, a product of two
   * activations, through {@link Bf16Products} where that is worth it and in float otherwise, as
   * in bf16 training.
   *
   * @throws IllegalStateException when bf16 products cannot run in hardware here
   */
  public static Timing timeBf16(ProductShape s, int warmup, int repeats) {
    check(warmup, repeats);
    DnnlBf16.requireAvailable();
    INDArray a = operand(s.m(), s.k());
    INDArray b = operand(s.k(), s.n());
    INDArray c = Nd4j.create(DataType.FLOAT, s.m(), s.n());
    int lda = s.transA() ? s.m() : s.k();
    int ldb = s.transB() ? s.k() : s.n();
    boolean gradient = s.name().endsWith(".dW");
    if (!gradient && !s.name().startsWith("bridge")) {
      Bf16Weights.register(b);
    }
    boolean mixed = MixedPrecision.bf16();
    MixedPrecision.setBf16(gradient);
    try {
      return timeCalls(s, warmup, repeats, () -> Gemm.gemm(s.transA(), s.transB(), s.m(),
          s.n(), s.k(), 1, a, 0, lda, b, 0, ldb, 0, c, 0, s.n()));
    } finally {
      MixedPrecision.setBf16(mixed);
    }
  }

  /**
   * Times the int8 product that a quantized model runs for {@code x W^T} with W [n, k] (the
   * output layer's layout): x [m, k] quantized per row on the fly, then {@code u8 x s8} in
   * oneDNN's int8 matmul with the scales applied inside it (see {@code
   * org.nmt4j.nn.quant.Int8Block}); what decoding with {@code --quantize int8} pays per step.
   *
   * @throws IllegalStateException when oneDNN's native library is not available
   */
  public static Timing timeInt8(ProductShape s, int warmup, int repeats) {
    check(warmup, repeats);
    if (s.transA()) {
      throw new IllegalArgumentException("the int8 product reads x untransposed");
    }
    QuantizedMatrix q = QuantizedMatrix.quantize(operand(s.n(), s.k()), true);
    INDArray x = operand(s.m(), s.k());
    INDArray c = Nd4j.create(DataType.FLOAT, s.m(), s.n());
    return timeCalls(s, warmup, repeats,
        () -> q.multiply(s.m(), s.k(), 0, 0, s.n(), 1f, x, 0, s.k(), 0f, c, 0, s.n()));
  }

  /**
   * The operations of all the shapes' calls over the time they take at the measured median
   * speeds: what a step made of nothing but these products would reach, in GFLOP/s.
   */
  public static double mixGflops(List<Timing> timings) {
    double flops = 0;
    double seconds = 0;
    for (Timing t : timings) {
      flops += t.shape().totalFlops();
      seconds += t.shape().calls() * t.medianMillis() / 1e3;
    }
    return flops / seconds / 1e9;
  }

  /**
   * The operations of all the shapes' calls over the CPU time they take at the measured speeds,
   * in GFLOP per CPU-second, or -1 where unknown.
   */
  public static double mixGflopsPerCpuSecond(List<Timing> timings) {
    double flops = 0;
    double cpuSeconds = 0;
    for (Timing t : timings) {
      if (t.cpuMillis() <= 0) {
        return -1;
      }
      flops += t.shape().totalFlops();
      cpuSeconds += t.shape().calls() * t.cpuMillis() / 1e3;
    }
    return flops / cpuSeconds / 1e9;
  }

  private static Timing timeCalls(ProductShape s, int warmup, int repeats, Runnable call) {
    // at least the asked-for calls, and with any warm-up at least WARMUP_NANOS of them, so that
    // the JIT compiler has compiled the Java around the product (the int8 path's quantizing
    // loops) before the timed calls, and its CPU time does not count against them
    long warmupEnd = System.nanoTime() + (warmup > 0 ? WARMUP_NANOS : 0);
    for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) {
      call.run();
    }
    double[] millis = new double[repeats];
    long cpu0 = ProcessCpu.nanos();
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      call.run();
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    long cpu1 = ProcessCpu.nanos();
    double cpuMillis = cpu0 < 0 || cpu1 <= cpu0 ? -1 : (cpu1 - cpu0) / 1e6 / repeats;
    Arrays.sort(millis);
    double median = repeats % 2 == 1 ? millis[repeats / 2]
        : (millis[repeats / 2 - 1] + millis[repeats / 2]) / 2;
    return new Timing(s, median, millis[0], cpuMillis);
  }

  /** Whether bf16 runs both shapes alike: both weight gradients, both bridge or both neither. */
  private static boolean sameKind(ProductShape x, ProductShape y) {
    return x.name().endsWith(".dW") == y.name().endsWith(".dW")
        && x.name().startsWith("bridge") == y.name().startsWith("bridge");
  }

  /** A [rows, cols] float matrix, uniform in [-1, 1). */
  private static INDArray operand(int rows, int cols) {
    return Nd4j.rand(DataType.FLOAT, rows, cols).muli(2).subi(1);
  }

  private static void check(int warmup, int repeats) {
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
    }
  }
}
