package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 1-D buffer that is reallocated only when a request exceeds its length, so per-batch
 * buffers are allocated once for the largest batch shape and then reused.
 *
 * <p>Growth allocates exactly the requested length and frees the outgrown buffer at once
 * ({@link NativeRelease}): views taken from the buffer before a larger request must not be used
 * after it. Batches that grow one after the other (training's shuffled batches set a new maximum
 * only a few times; decoding takes the widest batch first) reallocate rarely, so no slack is
 * kept beyond the largest request.
 */
public final class GrowableBuffer {
  private final DataType dataType;
  private INDArray array;

  /** An empty buffer of the given type. */
  public GrowableBuffer(DataType dataType) {
    this.dataType = dataType;
  }

  /**
   * A buffer of at least {@code length} elements (contents unspecified); a larger request than
   * before frees the previous buffer.
   */
  public INDArray atLeast(long length) {
    if (array == null || array.length() < length) {
      INDArray outgrown = array;
      array = null;
      NativeRelease.free(outgrown);
      array = Nd4j.create(dataType, Math.max(1, length));
    }
    return array;
  }

  /** Elements currently allocated (0 before the first request). */
  public long capacity() {
    return array == null ? 0 : array.length();
  }

  /** A [rows, cols] matrix at the start of the buffer, grown as needed. */
  public MatrixRef matrix(int rows, int cols) {
    return new MatrixRef(atLeast((long) rows * cols), 0, rows, cols, Math.max(1, cols));
  }
}
