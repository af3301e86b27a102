package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The elementwise operations of the recurrent layers, all on same-shaped contiguous arrays and
 * all writing into a given output (no allocation). Kept in one place so that their
 * implementation can be tuned without touching the layers.
 */
public final class ArrayOps {
  private ArrayOps() {}

  /** x = sigmoid(x). */
  public static void sigmoid(INDArray x) {
    Nd4j.exec(new Sigmoid(x, x));
  }

  /** z = tanh(x). */
  public static void tanh(INDArray x, INDArray z) {
    Nd4j.exec(new Tanh(x, z));
  }

  /** z = x * y. */
  public static void mul(INDArray x, INDArray y, INDArray z) {
    pairwise(PairwiseOp.MULTIPLY, x, y, z);
  }

  /** z = x + y. */
  public static void add(INDArray x, INDArray y, INDArray z) {
    pairwise(PairwiseOp.ADD, x, y, z);
  }

  /** z = x - y. */
  public static void sub(INDArray x, INDArray y, INDArray z) {
    pairwise(PairwiseOp.SUBTRACT, x, y, z);
  }

  /** z += x. */
  public static void addi(INDArray z, INDArray x) {
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
  public static void timesOneMinus(INDArray x, INDArray z) {
    Nd4j.exec(new TimesOneMinus(x, z));
  }

  /** z = 1 - x^2: the tanh derivative from the tanh's output. */
  public static void oneMinusSquare(INDArray x, INDArray z) {
    Nd4j.exec(new Square(x, z));
    Nd4j.exec(new OneMinus(z, z));
  }

  /** z = x * column, the column [rows, 1] broadcast along each row. */
  public static void mulColumn(INDArray x, INDArray column, INDArray z) {
    if (x == z) {
      x.muliColumnVector(column);
    } else {
      z.assign(x);
      z.muliColumnVector(column);
    }
  }

  /** dst = src. */
  public static void copy(INDArray src, INDArray dst) {
    dst.assign(src);
  }

  /** x = 0. */
  public static void zero(INDArray x) {
    x.assign(0);
  }

  /** x = alpha * x. */
  public static void scale(INDArray x, double alpha) {
    x.muli(alpha);
  }
}
