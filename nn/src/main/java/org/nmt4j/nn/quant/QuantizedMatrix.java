package org.nmt4j.nn.quant;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * A weight matrix in 8 bits with one scale per output: the right operand B [K, N] of products
 * {@code y = x B} (N outputs), kept as signed bytes {@code q[p][j]} with {@code B[p][j] ~ q[p][j]
 * * scale[j]}, symmetric: {@code scale[j] = max_p |B[p][j]| / 127}, {@code q = round(B / scale)}.
 *
 * <p>Two parameter layouts map onto it: input-major weights [K, N] such as a recurrent layer's
 * {@code Wx} [input, G*H] and {@code Wh} [H, G*H] (one scale per column), and output-major
 * weights [N, K] read transposed, such as the output projection W [V, Hd] of {@code x W^T} (one
 * scale per row). The bytes are kept in the parameter's own layout too ({@link #storedValues}),
 * for the model file.
 *
 * <p>{@link #multiply} quantizes each row of x on the fly to bytes (scale {@code max |x_i| /
 * 127}, rounded to nearest with ties to even, zero point 128: unsigned, as oneDNN's fast integer
 * kernels want them; 7 bits around 64 without VNNI, see {@link DnnlInt8#SEVEN_BIT}) and runs the
 * rest in one call of oneDNN's int8 matmul ({@link Int8Block}): the 32-bit integer sums, the
 * zero point taken off exactly, and the scaling back, {@code y[i][j] = xScale[i] * scale[j] *
 * (sum_p xq[i][p] q[p][j])}. {@link #multiplyReference} does the same with oneDNN's {@code
 * dnnl_gemm_u8s8s32} and a Java loop for the scaling: the reference the fused path is tested
 * against, and the fallback where oneDNN has no fast int8 matmul.
 *
 * <p>Immutable once built; any number of threads may multiply with it (each uses its own
 * scratch buffers).
 */
public final class QuantizedMatrix {
  /**
   * The largest magnitude of a quantized input: 127, or 63 where the CPU has no VNNI ({@link
   * DnnlInt8#SEVEN_BIT}).
   */
  static final int LEVELS = DnnlInt8.SEVEN_BIT ? 63 : 127;
  /** 1.5 * 2^23: a float this large has no fraction bits, so adding it rounds to an integer. */
  private static final float ROUNDING_MAGIC = 12582912f;
  private static final int MAGIC_BITS = Float.floatToRawIntBits(ROUNDING_MAGIC);

  /** Largest magnitude of a quantized weight. */
  public static final int WEIGHT_LEVELS = 127;

  private final int inputs;
  private final int outputs;
  private final boolean outputMajor;
  private final byte[] stored;
  private final float[] scales;
  private final BytePointer product;
  private final ConcurrentHashMap<Long, IntPointer> offsets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Region, Int8Block> blocks = new ConcurrentHashMap<>();
  /** The block of all rows and columns, once made (also in {@link #blocks}). */
  private volatile Int8Block whole;

  private QuantizedMatrix(int inputs, int outputs, boolean outputMajor, byte[] stored,
      float[] scales) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.outputMajor = outputMajor;
    this.stored = stored;
    this.scales = scales;
    byte[] kn = outputMajor ? transpose(stored, outputs, inputs) : stored;
    this.product = new BytePointer((long) inputs * outputs);
    product.put(kn, 0, kn.length);
  }

  /**
   * Quantizes a float weight matrix.
   *
   * @param w [K, N] input-major (one scale per column), or [N, K] when {@code outputMajor} (one
   *     scale per row), contiguous row-major
   */
  public static QuantizedMatrix quantize(INDArray w, boolean outputMajor) {
    if (w.rank() != 2 || w.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("int8 quantization takes a FLOAT matrix, got "
          + w.dataType() + " " + Arrays.toString(w.shape()));
    }
    int rows = (int) w.size(0);
    int cols = (int) w.size(1);
    float[] v = new float[rows * cols];
    if (contiguous(w)) {
      NativeMemory.read(w, 0, v, 0, v.length); // a parameter view: no native copy
    } else {
      NativeMemory.read(w.dup('c'), 0, v, 0, v.length);
    }
    int n = outputMajor ? rows : cols;
    int k = outputMajor ? cols : rows;
    float[] scales = new float[n];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int j = outputMajor ? r : c;
        scales[j] = Math.max(scales[j], Math.abs(v[r * cols + c]));
      }
    }
    for (int j = 0; j < n; j++) {
      scales[j] = scales[j] > 0 ? scales[j] / WEIGHT_LEVELS : 1f;
    }
    byte[] q = new byte[v.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float s = scales[outputMajor ? r : c];
        int x = Math.round(v[r * cols + c] / s);
        q[r * cols + c] = (byte) Math.max(-WEIGHT_LEVELS, Math.min(WEIGHT_LEVELS, x));
      }
    }
    return new QuantizedMatrix(k, n, outputMajor, q, scales);
  }

  /**
   * A matrix from stored bytes and scales (a model file).
   *
   * @param shape the parameter's shape: [K, N], or [N, K] when {@code outputMajor}
   * @param values the bytes in that layout, each within [-127, 127]
   * @param scales N positive finite scales
   */
  public static QuantizedMatrix of(long[] shape, boolean outputMajor, byte[] values,
      float[] scales) {
    if (shape.length != 2 || (long) shape[0] * shape[1] != values.length) {
      throw new IllegalArgumentException("int8 values: " + values.length + " bytes do not fill "
          + Arrays.toString(shape));
    }
    int n = (int) (outputMajor ? shape[0] : shape[1]);
    int k = (int) (outputMajor ? shape[1] : shape[0]);
    if (scales.length != n) {
      throw new IllegalArgumentException("int8 scales: " + scales.length + " given, " + n
          + " outputs");
    }
    for (float s : scales) {
      if (!(s > 0) || !Float.isFinite(s)) {
        throw new IllegalArgumentException("int8 scale " + s + " is not positive and finite");
      }
    }
    for (byte b : values) {
      if (b < -WEIGHT_LEVELS) {
        throw new IllegalArgumentException("int8 value " + b + " outside [-127, 127]");
      }
    }
    return new QuantizedMatrix(k, n, outputMajor, values.clone(), scales.clone());
  }

  private static byte[] transpose(byte[] a, int rows, int cols) {
    byte[] t = new byte[a.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = a[r * cols + c];
      }
    }
    return t;
  }

  /** K: the width of the inputs x. */
  public int inputs() {
    return inputs;
  }

  /** N: the number of outputs (and of scales). */
  public int outputs() {
    return outputs;
  }

  /** Whether the parameter is [N, K] (read transposed) rather than [K, N]. */
  public boolean outputMajor() {
    return outputMajor;
  }

  /** The parameter's shape: [K, N], or [N, K] when output-major. */
  public long[] shape() {
    return outputMajor ? new long[] {outputs, inputs} : new long[] {inputs, outputs};
  }

  /** A copy of the signed bytes in the parameter's layout (see {@link #shape}). */
  public byte[] storedValues() {
    return stored.clone();
  }

  /** A copy of the N scales. */
  public float[] scales() {
    return scales.clone();
  }

  /** The float matrix these bytes stand for, {@code q * scale}, in the parameter's layout. */
  public INDArray dequantized() {
    return Nd4j.create(dequantizedValues(), shape(), 'c');
  }

  /**
   * Overwrites {@code target} with {@link #dequantized} in place, without a temporary array.
   *
   * @param target a contiguous row-major FLOAT array of {@link #shape}, e.g. a parameter view
   */
  public void writeDequantized(INDArray target) {
    long[] shape = shape();
    if (target.dataType() != DataType.FLOAT || target.rank() != 2 || target.size(0) != shape[0]
        || target.size(1) != shape[1] || !contiguous(target)) {
      throw new IllegalArgumentException("int8 weights of shape " + Arrays.toString(shape)
          + " cannot be written to " + target.dataType() + " " + Arrays.toString(target.shape())
          + (contiguous(target) ? "" : " (not contiguous)"));
    }
    float[] v = dequantizedValues();
    NativeMemory.write(target, 0, v, 0, v.length);
  }

  private float[] dequantizedValues() {
    float[] v = new float[stored.length];
    int cols = (int) shape()[1];
    for (int i = 0; i < v.length; i++) {
      int j = outputMajor ? i / cols : i % cols;
      v[i] = stored[i] * scales[j];
    }
    return v;
  }

  private static boolean contiguous(INDArray w) {
    return w.rank() == 2 && w.ordering() == 'c' && (w.size(1) <= 1 || w.stride(1) == 1)
        && (w.size(0) <= 1 || w.stride(0) == w.size(1));
  }

  /**
   * {@code C = alpha * x Bq + beta * C} for float x and C, with Bq the block of rows {@code [row0,
   * row0 + k)} and columns {@code [col0, col0 + n)} of the dequantized [K, N] matrix (all K rows
   * for an output-major matrix, read transposed), and x quantized per row. Runs on oneDNN's int8
   * matmul primitive ({@link Int8Block}, scales applied inside the product) where it has a fast
   * kernel, else, for whole rows, on {@link #multiplyReference}.
   *
   * @param a x [m, k] at element {@code aOffset}, rows {@code lda} apart
   * @param c C [m, n] at element {@code cOffset}, rows {@code ldc} apart
   * @return false when neither runs this block (a column range without oneDNN's kernel); C is
   *     then untouched
   */
  public boolean multiply(int m, int k, int row0, int col0, int n, float alpha, INDArray a,
      long aOffset, int lda, float beta, INDArray c, long cOffset, int ldc) {
    if (row0 < 0 || k < 0 || row0 + k > inputs || col0 < 0 || n < 0 || col0 + n > outputs) {
      throw new IllegalArgumentException("rows [" + row0 + ", " + (row0 + k) + ") and columns ["
          + col0 + ", " + (col0 + n) + ") outside the [" + inputs + ", " + outputs
          + "] of an int8 matrix");
    }
    if (m == 0) {
      return true;
    }
    if (block(row0, k, col0, n).multiply(m, alpha, a, aOffset, lda, beta, c, cOffset, ldc)) {
      return true;
    }
    if (col0 != 0 || n != outputs) {
      return false;
    }
    multiplyReference(m, k, row0, alpha, a, aOffset, lda, beta, c, cOffset, ldc);
    return true;
  }

  /**
   * The name of the oneDNN kernel that multiplies whole rows of this matrix here, or null when
   * the products fall back to {@link #multiplyReference}.
   */
  public String kernel() {
    return block(0, inputs, 0, outputs).kernel();
  }

  private Int8Block block(int row0, int k, int col0, int n) {
    boolean whole = row0 == 0 && k == inputs && col0 == 0 && n == outputs;
    if (whole && this.whole != null) {
      return this.whole; // most products read all of it: no key to build and look up
    }
    Region key = new Region(row0, k, col0, n);
    Int8Block b = blocks.get(key);
    if (b == null) {
      b = blocks.computeIfAbsent(key, r -> {
        float[] s = Arrays.copyOfRange(scales, col0, col0 + n);
        return new Int8Block(product, (long) row0 * outputs + col0, outputs, k, n, s,
            LEVELS);
      });
      if (whole) {
        this.whole = b;
      }
    }
    return b;
  }

  /** A block of rows and columns of B [K, N]. */
  private record Region(int row0, int k, int col0, int n) {}

  /**
   * Quantizes the row {@code x[xOffset, xOffset + k)}: {@code out[outOffset + p] = rint(x[p] /
   * scale) + zero} with {@code scale = max_p |x[p]| / levels} (1 for a row of zeros), rounded to
   * nearest with ties to even.
   *
   * @return the scale
   */
  static float quantizeRow(float[] x, int xOffset, int k, byte[] out, int outOffset, int levels,
      int zero) {
    // max |x| as the largest of the values' bits without the sign: non-negative floats order
    // as their bits do, and an integer maximum has no NaN or -0 cases to keep apart (about 30%
    // faster than Math.max(max, Math.abs(x)) here); a NaN's bits exceed every finite value's,
    // so a row with a NaN still gets a NaN scale
    int maxBits = 0;
    for (int p = 0; p < k; p++) {
      maxBits = Math.max(maxBits, Float.floatToRawIntBits(x[xOffset + p]) & 0x7fffffff);
    }
    float max = Float.intBitsToFloat(maxBits);
    float inverse = max > 0 ? levels / max : 0f;
    // x * inverse lies within [-levels, levels]; adding 1.5 * 2^23 rounds it to the nearest
    // integer (ties to even) in the low bits of the float, and the zero point rides along:
    // rint(x * inverse) + zero without a branch (Math.round costs about twice as much here).
    float magic = ROUNDING_MAGIC + zero;
    for (int p = 0; p < k; p++) {
      out[outOffset + p] =
          (byte) (Float.floatToRawIntBits(x[xOffset + p] * inverse + magic) - MAGIC_BITS);
    }
    return max > 0 ? max / levels : 1f;
  }

  /**
   * The simple path, kept as the reference the fused one is checked against and as the fallback
   * where oneDNN has no fast int8 matmul: x quantized per row as in {@link #quantizeRow}, the
   * 32-bit sums from oneDNN's {@code dnnl_gemm_u8s8s32} (the zero point taken off by its column
   * offsets), scaled back in Java, over whole rows {@code [row0, row0 + k)} of the matrix.
   */
  void multiplyReference(int m, int k, int row0, float alpha, INDArray a, long aOffset, int lda,
      float beta, INDArray c, long cOffset, int ldc) {
    int n = outputs;
    Scratch s = Scratch.get(m, k, n);
    float[] row = s.row;
    float[] rowScales = s.rowScales;
    int zero = LEVELS + 1;
    byte[] xq = s.xq;
    for (int i = 0; i < m; i++) {
      NativeMemory.read(a, aOffset + (long) i * lda, row, 0, k);
      rowScales[i] = quantizeRow(row, 0, k, xq, i * k, LEVELS, zero);
    }
    s.xqNative.put(xq, 0, m * k);
    BytePointer b = new BytePointer(product).position((long) row0 * n);
    DnnlInt8.gemm(m, n, k, s.xqNative, k, b, n, s.cNative, n, columnOffsets(row0, k, zero));
    int[] acc = s.acc;
    s.cNative.get(acc, 0, m * n);
    for (int i = 0; i < m; i++) {
      long at = cOffset + (long) i * ldc;
      float rs = alpha * rowScales[i];
      int base = i * n;
      float[] out = s.out;
      if (beta == 0) {
        for (int j = 0; j < n; j++) {
          out[j] = rs * scales[j] * acc[base + j];
        }
      } else {
        NativeMemory.read(c, at, out, 0, n);
        for (int j = 0; j < n; j++) {
          out[j] = beta * out[j] + rs * scales[j] * acc[base + j];
        }
      }
      NativeMemory.write(c, at, out, 0, n);
    }
  }

  /** {@code -zero * sum_p q[p][j]} over rows {@code [row0, row0 + k)}: removes the zero point. */
  private IntPointer columnOffsets(int row0, int k, int zero) {
    long key = ((long) row0 << 32) | k;
    return offsets.computeIfAbsent(key, x -> {
      int n = outputs;
      int[] sums = new int[n];
      byte[] kn = outputMajor ? null : stored;
      for (int p = row0; p < row0 + k; p++) {
        for (int j = 0; j < n; j++) {
          sums[j] += kn != null ? kn[p * n + j] : stored[j * inputs + p];
        }
      }
      for (int j = 0; j < n; j++) {
        sums[j] *= -zero;
      }
      IntPointer co = new IntPointer(n);
      co.put(sums, 0, n);
      return co;
    });
  }

  /** Per-thread buffers of {@link #multiply}, grown on demand. */
  private static final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
    float[] row = new float[0];
    float[] rowScales = new float[0];
    float[] out = new float[0];
    byte[] xq = new byte[0];
    int[] acc = new int[0];
    BytePointer xqNative = new BytePointer(1);
    IntPointer cNative = new IntPointer(1);

    static Scratch get(int m, int k, int n) {
      Scratch s = LOCAL.get();
      if (s.row.length < k) {
        s.row = new float[k];
      }
      if (s.rowScales.length < m) {
        s.rowScales = new float[m];
      }
      if (s.out.length < n) {
        s.out = new float[n];
      }
      if (s.xq.length < m * k) {
        s.xq = new byte[m * k];
        s.xqNative.close();
        s.xqNative = new BytePointer((long) m * k);
      }
      if (s.acc.length < m * n) {
        s.acc = new int[m * n];
        s.cNative.close();
        s.cNative = new IntPointer((long) m * n);
      }
      return s;
    }
  }
}
