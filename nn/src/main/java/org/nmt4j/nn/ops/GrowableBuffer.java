package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 1-D buffer that is reallocated only when a request exceeds its length, so per-batch
 * buffers are allocated once for the largest batch shape and then reused.
 */
public final class GrowableBuffer {
  private final DataType dataType;
  private INDArray array;

  /** An empty buffer of the given type. */
  public GrowableBuffer(DataType dataType) {
    this.dataType = dataType;
  }

  /** A buffer of at least {@code length} elements (grown by half at least; contents unspecified). */
  public INDArray atLeast(long length) {
    if (array == null || array.length() < length) {
      long grown = array == null ? length : Math.max(length, array.length() + array.length() / 2);
      array = Nd4j.create(dataType, Math.max(1, grown));
    }
    return array;
  }

  /** A [rows, cols] matrix at the start of the buffer, grown as needed. */
  public MatrixRef matrix(int rows, int cols) {
    return new MatrixRef(atLeast((long) rows * cols), 0, rows, cols, Math.max(1, cols));
  }
}
