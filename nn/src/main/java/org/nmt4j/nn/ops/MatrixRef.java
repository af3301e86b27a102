package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row-major matrix inside a larger buffer: rows {@code ld} elements apart, starting at element
 * {@code offset} of {@code array}. What {@link Gemm} takes, without building an ND4J view.
 *
 * @param array the buffer
 * @param offset element offset of row 0, column 0
 * @param rows number of rows
 * @param cols number of columns
 * @param ld elements between the starts of consecutive rows ({@code >= cols})
 */
public record MatrixRef(INDArray array, long offset, int rows, int cols, int ld) {
  /** Checks the matrix lies inside its buffer. */
  public MatrixRef {
    if (rows < 0 || cols < 0 || ld < Math.max(1, cols)) {
      throw new IllegalArgumentException("bad matrix [" + rows + ", " + cols + "] ld " + ld);
    }
    if (rows > 0 && offset + (long) (rows - 1) * ld + cols > array.length()) {
      throw new IllegalArgumentException("matrix [" + rows + ", " + cols + "] at " + offset
          + " does not fit a buffer of " + array.length());
    }
  }

  /** A whole contiguous row-major 2-D array. */
  public static MatrixRef of(INDArray matrix) {
    if (matrix.rank() != 2) {
      throw new IllegalArgumentException("expected a 2-D array, got rank " + matrix.rank());
    }
    return new MatrixRef(matrix, 0, (int) matrix.size(0), (int) matrix.size(1),
        (int) Math.max(1, matrix.size(1)));
  }

  /** Rows {@code from .. to-1} of this matrix. */
  public MatrixRef rows(int from, int to) {
    return new MatrixRef(array, offset + (long) from * ld, to - from, cols, ld);
  }

  /** Columns {@code from .. to-1} of this matrix. */
  public MatrixRef cols(int from, int to) {
    return new MatrixRef(array, offset + from, rows, to - from, ld);
  }

  /** An ND4J view of this matrix (a new view object on each call). */
  public INDArray view() {
    return Nd4j.create(array.data(), new long[] {rows, cols}, new long[] {ld, 1},
        array.offset() + offset, 'c', array.dataType());
  }
}
