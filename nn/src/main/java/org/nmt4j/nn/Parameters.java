package org.nmt4j.nn;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.Halves;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * All trainable tensors of a model, stored as views of one flat value buffer and one flat
 * gradient buffer of the same layout.
 *
 * <p>One flat buffer lets the trainer clip by global norm with a single norm computation and
 * update every weight with a single Adam call, and lets checkpoints write one array. Each named
 * tensor is a contiguous row-major ('c') view; layers write their gradients straight into
 * {@link #gradient(String)}.
 *
 * <p>Build with {@link #builder(DataType)}: declare every shape first, then {@link
 * Builder#build()} allocates both buffers (zero-filled; the gradients' memory becomes resident
 * only when written, see {@link ZeroPages}, so inference does not pay for it).
 */
public final class Parameters {
  /** Announced in-place writes to the values of any instance; see {@link #valuesChanged()}. */
  private static final AtomicLong VALUE_WRITES = new AtomicLong();

  private final DataType dataType;
  private final INDArray flatValues;
  private final INDArray flatGradients;
  private final Map<String, INDArray> values;
  private final Map<String, INDArray> gradients;
  private final Map<String, long[]> shapes;

  private Parameters(DataType dataType, Map<String, long[]> shapes) {
    this.dataType = dataType;
    long total = 0;
    for (long[] s : shapes.values()) {
      total += length(s);
    }
    if (total == 0) {
      throw new IllegalArgumentException("a model needs at least one parameter");
    }
    this.flatValues = Nd4j.create(dataType, 1, total);
    // zero pages until written: a model that only translates never makes them resident
    this.flatGradients = ZeroPages.rowVector(dataType, total);
    this.values = new LinkedHashMap<>();
    this.gradients = new LinkedHashMap<>();
    this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    long offset = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long n = length(e.getValue());
      values.put(e.getKey(), view(flatValues, offset, n, e.getValue()));
      gradients.put(e.getKey(), view(flatGradients, offset, n, e.getValue()));
      offset += n;
    }
  }

  private static INDArray view(INDArray flat, long offset, long n, long[] shape) {
    return flat.get(
            org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n))
        .reshape('c', shape);
  }

  private static long length(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Starts declaring parameters of the given floating-point type. */
  public static Builder builder(DataType dataType) {
    NativeRuntime.init();
    return new Builder(dataType);
  }

  /** The element type of every tensor (FLOAT for training, DOUBLE for gradient checks). */
  public DataType dataType() {
    return dataType;
  }

  /** Names in declaration order. */
  public List<String> names() {
    return new ArrayList<>(values.keySet());
  }

  /** Whether a tensor of this name was declared. */
  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /**
   * The value of a parameter that must have the given shape; fails naming the parameter and
   * both shapes otherwise (or that it is missing).
   */
  public INDArray checkedValue(String name, long... shape) {
    if (!contains(name)) {
      throw new IllegalArgumentException("missing parameter '" + name + "'");
    }
    INDArray v = value(name);
    if (!java.util.Arrays.equals(v.shape(), shape)) {
      throw new IllegalArgumentException("parameter '" + name + "' has shape "
          + java.util.Arrays.toString(v.shape()) + ", expected " + java.util.Arrays.toString(shape));
    }
    return v;
  }

  /** The value view of a named tensor; writes go to the flat buffer. */
  public INDArray value(String name) {
    INDArray v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + names());
    }
    return v;
  }

  /** The gradient view of a named tensor, same shape as its value. */
  public INDArray gradient(String name) {
    INDArray g = gradients.get(name);
    if (g == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + names());
    }
    return g;
  }

  /** Declared shape of a named tensor. */
  public long[] shape(String name) {
    return shapes.get(name).clone();
  }

  /** All values as one row vector [1, count()] (a view, not a copy). */
  public INDArray flatValues() {
    return flatValues;
  }

  /** All gradients as one row vector [1, count()] (a view, not a copy). */
  public INDArray flatGradients() {
    return flatGradients;
  }

  /** Total number of scalars. */
  public long count() {
    return flatValues.length();
  }

  /**
   * Announces that values were changed in place (an optimiser step, a checkpoint or model load,
   * averaging, an initialiser), after the write: caches derived from weights check them in full
   * again ({@link WeightCheck}). Every code path that writes values must call it; reads and
   * gradient writes need not.
   */
  public void valuesChanged() {
    VALUE_WRITES.incrementAndGet();
  }

  /** How many value writes were announced so far, over all instances (only ever grows). */
  public static long valueWrites() {
    return VALUE_WRITES.get();
  }

  /** Sets every gradient to zero. */
  public void zeroGradients() {
    flatGradients.assign(0);
  }

  /**
   * The L2 norm of all gradients together.
   *
   * <p>Float gradients: a loop here over the two halves of the flat buffer on two threads
   * ({@link Halves}), float partial sums within blocks of {@value #NORM_BLOCK} elements and
   * the blocks added in double. ND4J's float {@code norm2} took about 17 ms for the standard
   * model's 23.4 million gradients on the 2-core build machine (2026-12-07), about 3% of a
   * training step, for a pass that memory bandwidth allows in a few milliseconds, and came out
   * 0.55% low for 23.4 million uniform values (its float sums lose the small terms). Double
   * gradients (the gradient checks) keep ND4J's {@code norm2}.
   */
  public double gradientNorm() {
    if (flatGradients.dataType() != DataType.FLOAT || flatGradients.length() > Integer.MAX_VALUE) {
      return flatGradients.norm2Number().doubleValue();
    }
    int n = (int) flatGradients.length();
    FloatBuffer g = NativeMemory.floatBuffer(flatGradients, 0, n);
    double[] halves = new double[2];
    Halves.run(Halves.worthIt(n),
        half -> halves[half] = sumOfSquares(g, Halves.start(half, n), Halves.end(half, n)));
    return Math.sqrt(halves[0] + halves[1]);
  }

  /** Elements per block of float partial sums in {@link #gradientNorm}. */
  static final int NORM_BLOCK = 1024;

  /**
   * The sum of squares of elements [from, to): each block of {@value #NORM_BLOCK} copied into a
   * float array (a bulk copy; element reads from a direct buffer cost about 1.7 ns each here),
   * summed there with eight float partial sums (independent chains), each block's total added in
   * double.
   */
  static double sumOfSquares(FloatBuffer g, int from, int to) {
    float[] block = new float[NORM_BLOCK];
    double total = 0;
    for (int start = from; start < to; start += NORM_BLOCK) {
      int len = Math.min(NORM_BLOCK, to - start);
      g.get(start, block, 0, len);
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      int i = 0;
      for (; i + 7 < len; i += 8) {
        s0 += block[i] * block[i];
        s1 += block[i + 1] * block[i + 1];
        s2 += block[i + 2] * block[i + 2];
        s3 += block[i + 3] * block[i + 3];
        s4 += block[i + 4] * block[i + 4];
        s5 += block[i + 5] * block[i + 5];
        s6 += block[i + 6] * block[i + 6];
        s7 += block[i + 7] * block[i + 7];
      }
      for (; i < len; i++) {
        s0 += block[i] * block[i];
      }
      total += (double) ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
    return total;
  }

  /** Declares parameter shapes before allocation. */
  public static final class Builder {
    private final DataType dataType;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private Builder(DataType dataType) {
      if (!dataType.isFPType()) {
        throw new IllegalArgumentException("parameters must be floating point, got " + dataType);
      }
      this.dataType = dataType;
    }

    /** Declares a tensor; names must be unique and every dimension positive. */
    public Builder add(String name, long... shape) {
      if (shapes.containsKey(name)) {
        throw new IllegalArgumentException("parameter '" + name + "' declared twice");
      }
      if (shape.length == 0) {
        throw new IllegalArgumentException("parameter '" + name + "' needs a shape");
      }
      for (long d : shape) {
        if (d <= 0) {
          throw new IllegalArgumentException("parameter '" + name + "' has a non-positive dimension");
        }
      }
      shapes.put(name, shape.clone());
      return this;
    }

    /** The declared names and shapes so far, in declaration order (a copy; nothing allocated). */
    public Map<String, long[]> shapes() {
      Map<String, long[]> copy = new LinkedHashMap<>();
      for (Map.Entry<String, long[]> e : shapes.entrySet()) {
        copy.put(e.getKey(), e.getValue().clone());
      }
      return Collections.unmodifiableMap(copy);
    }

    /** Allocates the flat value and gradient buffers, zero-filled. */
    public Parameters build() {
      return new Parameters(dataType, shapes);
    }
  }
}
