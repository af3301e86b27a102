package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link ArrayOps}'s operations on ND4J's (libnd4j's) transforms and pairwise loops: the path of
 * DOUBLE arrays (the finite-difference gradient checks run in double, so this path is the
 * reference), of arrays that are not dense row-major, and of FLOAT arrays where oneDNN cannot
 * be loaded. Any shape; x, y and z of one length.
 */
final class Nd4jElementwise {
  /** Per-thread scratch of each type, for the operations that need an intermediate. */
  private static final ThreadLocal<GrowableBuffer> FLOAT_SCRATCH =
      ThreadLocal.withInitial(() -> new GrowableBuffer(DataType.FLOAT));
  private static final ThreadLocal<GrowableBuffer> DOUBLE_SCRATCH =
      ThreadLocal.withInitial(() -> new GrowableBuffer(DataType.DOUBLE));

  private Nd4jElementwise() {}

  /** x = sigmoid(x). */
  static void sigmoid(INDArray x) {
    Nd4j.exec(new Sigmoid(x, x));
  }

  /** z = tanh(x). */
  static void tanh(INDArray x, INDArray z) {
    Nd4j.exec(new Tanh(x, z));
  }

  /** x = exp(x). */
  static void exp(INDArray x) {
    Nd4j.exec(new Exp(x, x));
  }

  /** z = x * y. */
  static void mul(INDArray x, INDArray y, INDArray z) {
    pairwise(PairwiseOp.MULTIPLY, x, y, z);
  }

  /** z = x + y. */
  static void add(INDArray x, INDArray y, INDArray z) {
    pairwise(PairwiseOp.ADD, x, y, z);
  }

  /** z = x - y. */
  static void sub(INDArray x, INDArray y, INDArray z) {
    pairwise(PairwiseOp.SUBTRACT, x, y, z);
  }

  /** z += x. */
  static void addi(INDArray z, INDArray x) {
    pairwise(PairwiseOp.ADD, z, x, z);
  }

  private static void pairwise(int op, INDArray x, INDArray y, INDArray z) {
    if (x.length() != y.length() || x.length() != z.length()) {
      throw new IllegalArgumentException("pairwise op on " + x.length() + ", " + y.length()
          + " and " + z.length() + " elements");
    }
    Nd4j.getExecutioner().exec(new PairwiseOp(op, x, y, z));
  }

  /** z = x * (1 - x): the sigmoid derivative from the sigmoid's output. */
  static void timesOneMinus(INDArray x, INDArray z) {
    Nd4j.exec(new TimesOneMinus(x, z));
  }

  /** z = 1 - x^2: the tanh derivative from the tanh's output. */
  static void oneMinusSquare(INDArray x, INDArray z) {
    Nd4j.exec(new Square(x, z));
    Nd4j.exec(new OneMinus(z, z));
  }

  /** dx = dy * y * (1 - y): the gradient through a sigmoid from its output y. */
  static void sigmoidBackward(INDArray y, INDArray dy, INDArray dx) {
    INDArray t = scratchLike(y);
    timesOneMinus(y, t);
    mul(t, dy, dx);
  }

  /** dx = dy * (1 - y^2): the gradient through a tanh from its output y. */
  static void tanhBackward(INDArray y, INDArray dy, INDArray dx) {
    INDArray t = scratchLike(y);
    oneMinusSquare(y, t);
    mul(t, dy, dx);
  }

  /** z = x * y + w. */
  static void mulAdd(INDArray x, INDArray y, INDArray w, INDArray z) {
    INDArray t = scratchLike(x);
    mul(x, y, t);
    add(t, w, z);
  }

  /** z = sigmoid(x + y). */
  static void addSigmoid(INDArray x, INDArray y, INDArray z) {
    add(x, y, z);
    sigmoid(z);
  }

  /** z = tanh(x * y + w). */
  static void mulAddTanh(INDArray x, INDArray y, INDArray w, INDArray z) {
    mulAdd(x, y, w, z);
    tanh(z, z);
  }

  /** A per-thread scratch array of x's type and shape (valid until the thread's next call). */
  private static INDArray scratchLike(INDArray x) {
    GrowableBuffer buffer = (x.dataType() == DataType.DOUBLE ? DOUBLE_SCRATCH : FLOAT_SCRATCH).get();
    long n = x.length();
    INDArray flat = buffer.atLeast(n);
    if (flat.length() != n) {
      flat = flat.get(NDArrayIndex.interval(0, n));
    }
    return flat.reshape(x.shape());
  }

  /** z = x * column, the column [rows, 1] broadcast along each row. */
  static void mulColumn(INDArray x, INDArray column, INDArray z) {
    if (x == z) {
      x.muliColumnVector(column);
    } else {
      z.assign(x);
      z.muliColumnVector(column);
    }
  }

  /** dst = src. */
  static void copy(INDArray src, INDArray dst) {
    dst.assign(src);
  }

  /** x = 0. */
  static void zero(INDArray x) {
    x.assign(0);
  }

  /** x = alpha * x. */
  static void scale(INDArray x, double alpha) {
    x.muli(alpha);
  }
}
