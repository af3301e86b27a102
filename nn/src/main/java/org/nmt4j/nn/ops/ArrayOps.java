package org.nmt4j.nn.ops;

import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.ops.dnnl.Binary;
import org.nmt4j.nn.ops.dnnl.DnnlRuntime;
import org.nmt4j.nn.ops.dnnl.Eltwise;
import org.nmt4j.nn.ops.dnnl.LogSoftmax;
import org.nmt4j.nn.ops.dnnl.EltwiseBackward;
import org.nmt4j.nn.ops.dnnl.Transpose;

/**
 * The elementwise operations of the recurrent layers, all on same-length arrays (a gate block
 * [rows, H] and its partners) and all writing into a given output (no allocation); an output may
 * be one of the inputs. Kept in one place so that their implementation can be tuned without
 * touching the layers.
 *
 * <p>FLOAT arrays that are dense and row-major (every [rows, H] block view of the recurrent
 * layers is) go to oneDNN's vectorised primitives ({@link org.nmt4j.nn.ops.dnnl}); everything
 * else, DOUBLE arrays in particular (the gradient checks), goes to ND4J ({@link
 * Nd4jElementwise}), which is also the float path where oneDNN cannot be loaded or where the
 * system property {@value #PROPERTY} is {@code nd4j}. Both give the same results within float
 * rounding.
 */
public final class ArrayOps {
  /** System property choosing the float elementwise kernels: dnnl (default) or nd4j. */
  public static final String PROPERTY = "nmt4j.elementwise";

  private static final boolean FLOAT_ON_DNNL = floatOnDnnl();

  private ArrayOps() {}

  private static boolean floatOnDnnl() {
    return choosesDnnl(System.getProperty(PROPERTY, "dnnl"), DnnlRuntime.available());
  }

  /**
   * Whether float operations go to oneDNN, given the value of {@value #PROPERTY} and whether
   * oneDNN's native library loaded (when it did not, ND4J's loops serve instead).
   *
   * @throws IllegalArgumentException naming the property and its valid values for another value
   */
  static boolean choosesDnnl(String value, boolean dnnlAvailable) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "dnnl":
      case "onednn":
        return dnnlAvailable;
      case "nd4j":
        return false;
      default:
        throw new IllegalArgumentException(
            "-D" + PROPERTY + " must be dnnl or nd4j, got '" + value + "'");
    }
  }

  /** The library that runs float elementwise operations here: "oneDNN" or "ND4J". */
  public static String floatBackend() {
    return FLOAT_ON_DNNL ? "oneDNN" : "ND4J";
  }

  /** x = sigmoid(x). */
  public static void sigmoid(INDArray x) {
    if (dense(x)) {
      Eltwise.SIGMOID.apply(address(x), address(x), x.length());
    } else {
      Nd4jElementwise.sigmoid(x);
    }
  }

  /** z = tanh(x). */
  public static void tanh(INDArray x, INDArray z) {
    if (dense(x, z)) {
      Eltwise.TANH.apply(address(x), address(z), x.length());
    } else {
      Nd4jElementwise.tanh(x, z);
    }
  }

  /**
   * x = exp(x). A dense row-major matrix goes to oneDNN in chunks of rows ({@link
   * LogSoftmax#expRows}: a bounded number of primitives whatever its row count).
   */
  public static void exp(INDArray x) {
    if (denseRowMajorMatrix(x)) {
      LogSoftmax.expRows(address(x), (int) x.size(0), (int) x.size(1));
    } else if (dense(x)) {
      Eltwise.EXP.apply(address(x), address(x), x.length());
    } else {
      Nd4jElementwise.exp(x);
    }
  }

  /**
   * x = log softmax(x) along each row of a dense row-major [rows, cols] float matrix, in one
   * oneDNN call ({@link LogSoftmax}); returns false and leaves x alone where float elementwise
   * work does not go to oneDNN or x is not such a matrix (double precision in particular): the
   * caller then computes it with single ND4J operations.
   *
   * @param x [rows, cols], row-major and dense
   */
  public static boolean logSoftmaxRows(INDArray x) {
    return logSoftmaxRows(x, x);
  }

  /**
   * y = log softmax(x) along each row, as {@link #logSoftmaxRows(INDArray)} but into y (the
   * same shape; x is left alone unless it is y); false, with nothing written, where that one
   * would return false for x or y.
   *
   * @param x [rows, cols], row-major and dense
   * @param y [rows, cols], row-major and dense
   */
  public static boolean logSoftmaxRows(INDArray x, INDArray y) {
    if (!denseRowMajorMatrix(x) || !denseRowMajorMatrix(y)) {
      return false;
    }
    if (y.size(0) != x.size(0) || y.size(1) != x.size(1)) {
      throw new IllegalArgumentException("log softmax of " + Arrays.toString(x.shape())
          + " into " + Arrays.toString(y.shape()));
    }
    LogSoftmax.apply(address(x), address(y), (int) x.size(0), (int) x.size(1));
    return true;
  }

  /**
   * {@code t = x^T}: x is [rows, cols], t a [cols, rows] matrix of the same data type (a
   * transposed copy, for products that run faster on it than on a transposed operand; see
   * {@link Transpose}). Dense row-major float matrices go to oneDNN, others to ND4J.
   */
  public static void transpose(INDArray x, INDArray t) {
    if (x.rank() != 2 || t.rank() != 2 || t.size(0) != x.size(1) || t.size(1) != x.size(0)) {
      throw new IllegalArgumentException("transpose of " + Arrays.toString(x.shape())
          + " into " + Arrays.toString(t.shape()));
    }
    if (denseRowMajorMatrix(x) && denseRowMajorMatrix(t)) {
      Transpose.apply(address(x), address(t), (int) x.size(0), (int) x.size(1));
    } else {
      t.assign(x.transpose());
    }
  }

  /** Whether x is a dense row-major float [rows, cols] matrix that goes to oneDNN. */
  private static boolean denseRowMajorMatrix(INDArray x) {
    return x.rank() == 2 && x.ordering() == 'c' && dense(x) && x.size(0) <= Integer.MAX_VALUE
        && x.size(1) <= Integer.MAX_VALUE;
  }

  /** z = x * y. */
  public static void mul(INDArray x, INDArray y, INDArray z) {
    if (dense(x, y, z)) {
      Binary.MUL.apply(address(x), address(y), address(z), x.length());
    } else {
      Nd4jElementwise.mul(x, y, z);
    }
  }

  /** z = x + y. */
  public static void add(INDArray x, INDArray y, INDArray z) {
    if (dense(x, y, z)) {
      Binary.ADD.apply(address(x), address(y), address(z), x.length());
    } else {
      Nd4jElementwise.add(x, y, z);
    }
  }

  /** z = x - y. */
  public static void sub(INDArray x, INDArray y, INDArray z) {
    if (dense(x, y, z)) {
      Binary.SUB.apply(address(x), address(y), address(z), x.length());
    } else {
      Nd4jElementwise.sub(x, y, z);
    }
  }

  /** z += x. */
  public static void addi(INDArray z, INDArray x) {
    add(z, x, z);
  }

  /** z = x * (1 - x): the sigmoid derivative from the sigmoid's output. */
  public static void timesOneMinus(INDArray x, INDArray z) {
    if (dense(x, z)) {
      long a = address(x);
      Binary.SUB_PRODUCT.apply(a, a, a, address(z), x.length());
    } else {
      Nd4jElementwise.timesOneMinus(x, z);
    }
  }

  /** z = 1 - x^2: the tanh derivative from the tanh's output. */
  public static void oneMinusSquare(INDArray x, INDArray z) {
    if (dense(x, z)) {
      long a = address(x);
      Binary.ONE_MINUS_PRODUCT.apply(a, a, address(z), x.length());
    } else {
      Nd4jElementwise.oneMinusSquare(x, z);
    }
  }

  /**
   * dx = dy * y * (1 - y): the gradient through a sigmoid, from its output y. dx may be dy.
   *
   * @param y [rows, H] sigmoid outputs
   * @param dy [rows, H] dLoss/dy
   * @param dx [rows, H] dLoss/d(sigmoid input), written
   */
  public static void sigmoidBackward(INDArray y, INDArray dy, INDArray dx) {
    if (dense(y, dy, dx)) {
      EltwiseBackward.SIGMOID.apply(address(y), address(dy), address(dx), y.length());
    } else {
      Nd4jElementwise.sigmoidBackward(y, dy, dx);
    }
  }

  /**
   * dx = dy * (1 - y^2): the gradient through a tanh, from its output y. dx may be dy.
   *
   * @param y [rows, H] tanh outputs
   * @param dy [rows, H] dLoss/dy
   * @param dx [rows, H] dLoss/d(tanh input), written
   */
  public static void tanhBackward(INDArray y, INDArray dy, INDArray dx) {
    if (dense(y, dy, dx)) {
      EltwiseBackward.TANH.apply(address(y), address(dy), address(dx), y.length());
    } else {
      Nd4jElementwise.tanhBackward(y, dy, dx);
    }
  }

  /** z = x * y + w (one pass; z may be any of the inputs, e.g. {@code z += x * y} with w == z). */
  public static void mulAdd(INDArray x, INDArray y, INDArray w, INDArray z) {
    if (dense(x, y, w, z)) {
      Binary.MUL_ADD.apply(address(x), address(y), address(w), address(z), x.length());
    } else {
      Nd4jElementwise.mulAdd(x, y, w, z);
    }
  }

  /** z = sigmoid(x + y) (one pass). */
  public static void addSigmoid(INDArray x, INDArray y, INDArray z) {
    if (dense(x, y, z)) {
      Binary.ADD_SIGMOID.apply(address(x), address(y), address(z), x.length());
    } else {
      Nd4jElementwise.addSigmoid(x, y, z);
    }
  }

  /** z = tanh(x * y + w) (one pass). */
  public static void mulAddTanh(INDArray x, INDArray y, INDArray w, INDArray z) {
    if (dense(x, y, w, z)) {
      Binary.MUL_ADD_TANH.apply(address(x), address(y), address(w), address(z), x.length());
    } else {
      Nd4jElementwise.mulAddTanh(x, y, w, z);
    }
  }

  /** z = x * column, the column [rows, 1] broadcast along each row. */
  public static void mulColumn(INDArray x, INDArray column, INDArray z) {
    Nd4jElementwise.mulColumn(x, column, z);
  }

  /** dst = src. */
  public static void copy(INDArray src, INDArray dst) {
    if (src == dst) {
      return;
    }
    if (dense(src, dst)) {
      NativeMemory.copy(src, 0, dst, 0, src.length());
    } else {
      Nd4jElementwise.copy(src, dst);
    }
  }

  /** x = 0. */
  public static void zero(INDArray x) {
    if (dense(x)) {
      Pointer.memset(NativeMemory.pointer(address(x)), 0, x.length() * Float.BYTES);
    } else {
      Nd4jElementwise.zero(x);
    }
  }

  /** x = alpha * x. */
  public static void scale(INDArray x, double alpha) {
    Nd4jElementwise.scale(x, alpha);
  }

  /** Whether an operation on x and z of one length would run on oneDNN (for tests). */
  static boolean runsOnDnnl(INDArray x, INDArray z) {
    return dense(x, z);
  }

  /**
   * Byte address of a FLOAT array's first element: the buffer's base address plus the array's
   * offset (as {@link NativeMemory#address} computes through {@code addressPointer()}, which
   * costs a JNI call and two pointer objects, a tenth of a small operation's time).
   */
  static long address(INDArray x) {
    return x.data().address() + x.offset() * Float.BYTES;
  }

  /**
   * Whether x is a non-empty FLOAT array whose elements lie densely in row-major order ({@link
   * NativeMemory#consecutive}).
   */
  private static boolean denseFloat(INDArray x) {
    return x.dataType() == DataType.FLOAT && x.length() != 0 && NativeMemory.consecutive(x);
  }

  private static boolean dense(INDArray x) {
    return FLOAT_ON_DNNL && denseFloat(x);
  }

  private static boolean dense(INDArray x, INDArray z) {
    return dense(x) && denseFloat(z) && sameLength(x, z);
  }

  private static boolean dense(INDArray x, INDArray y, INDArray z) {
    return dense(x, z) && denseFloat(y) && sameLength(x, y);
  }

  private static boolean dense(INDArray x, INDArray y, INDArray w, INDArray z) {
    return dense(x, y, z) && denseFloat(w) && sameLength(x, w);
  }

  private static boolean sameLength(INDArray a, INDArray b) {
    if (a.length() != b.length()) {
      throw new IllegalArgumentException("elementwise op on " + a.length() + " and " + b.length()
          + " elements");
    }
    return true;
  }
}
