package org.nmt4j.nn;

import java.lang.ref.Cleaner;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero-filled arrays whose memory becomes resident only where it is written.
 *
 * <p>{@code Nd4j.create} (and even {@code Nd4j.createUninitialized}) writes every page of a new
 * buffer, so the memory counts in the process's resident set from the start. An array from here
 * comes from C's {@code calloc}: glibc serves a large request with fresh pages from the kernel,
 * which are zero already, so nothing is written and a page becomes resident only when something
 * writes to it. For buffers that a program may never write, e.g. the gradients of a model that
 * only translates (89 MB at the benchmark's size).
 *
 * <p>The memory is freed when the array's data buffer is unreachable (every view of the array
 * refers to it), by a {@link Cleaner}; do not {@code close()} such an array.
 */
public final class ZeroPages {
  private static final Cleaner CLEANER = Cleaner.create();

  private ZeroPages() {}

  /**
   * A zero row vector [1, length] of FLOAT or DOUBLE whose pages are resident only once written
   * (any other type: an ordinary {@code Nd4j.create}).
   *
   * @throws OutOfMemoryError when the memory cannot be allocated
   */
  public static INDArray rowVector(DataType dataType, long length) {
    if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
      return Nd4j.create(dataType, 1, length);
    }
    long elementSize = dataType == DataType.FLOAT ? 4 : 8;
    Pointer memory = Pointer.calloc(length, elementSize);
    if (memory == null || memory.isNull()) {
      throw new OutOfMemoryError("calloc of " + length * elementSize + " bytes failed");
    }
    DataBuffer buffer;
    if (dataType == DataType.FLOAT) {
      FloatPointer p = new FloatPointer(memory).capacity(length).limit(length);
      buffer = Nd4j.createBuffer(p, dataType, length, FloatIndexer.create(p));
    } else {
      DoublePointer p = new DoublePointer(memory).capacity(length).limit(length);
      buffer = Nd4j.createBuffer(p, dataType, length, DoubleIndexer.create(p));
    }
    CLEANER.register(buffer, new Free(memory.address()));
    return Nd4j.create(buffer, new long[] {1, length}, new long[] {length, 1}, 0, 'c');
  }

  /** Frees the memory at an address (holds no reference to the buffer it cleans up after). */
  private static final class Free implements Runnable {
    private final long address;

    Free(long address) {
      this.address = address;
    }

    @Override
    public void run() {
      Pointer.free(new Pointer() {
        {
          this.address = Free.this.address;
        }
      });
    }
  }
}
