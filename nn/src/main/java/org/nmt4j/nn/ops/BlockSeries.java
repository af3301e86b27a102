package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run of {@code count} equally shaped row-major blocks [rows, cols] laid back to back in one
 * buffer, e.g. the per-time-step [batch, hidden] states of an LSTM.
 *
 * <p>Views of a block's first rows ({@link #head}), last rows ({@link #tail}) and second half of
 * its first rows ({@link #upperHalf}) are made on first use and cached, so the hot loops reuse
 * them instead of building a view per step. The
 * series never owns memory: it is a layout over a buffer its owner allocated.
 */
public final class BlockSeries {
  private final INDArray buffer;
  private final long base;
  private final int count;
  private final int rows;
  private final int cols;
  private final INDArray[][] heads;
  private final INDArray[][] tails;
  private final INDArray[][] upperHalves;

  /**
   * @param buffer a contiguous array (usually 1-D) holding the series
   * @param base element offset of block 0 inside {@code buffer}
   * @param count number of blocks
   * @param rows rows per block
   * @param cols columns per block (and the row stride)
   */
  public BlockSeries(INDArray buffer, long base, int count, int rows, int cols) {
    if (base < 0 || base + (long) count * rows * cols > buffer.length()) {
      throw new IllegalArgumentException("block series [" + count + ", " + rows + ", " + cols
          + "] at " + base + " does not fit a buffer of " + buffer.length());
    }
    this.buffer = buffer;
    this.base = base;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.heads = new INDArray[count][];
    this.tails = new INDArray[count][];
    this.upperHalves = new INDArray[count][];
  }

  /** The buffer all blocks live in. */
  public INDArray buffer() {
    return buffer;
  }

  /** Element offset of block {@code i} in {@link #buffer()}; blocks may be addressed as {@code count}. */
  public long offset(int i) {
    return base + (long) i * rows * cols;
  }

  /** Element offset of row {@code r} of block {@code i}. */
  public long offset(int i, int r) {
    return offset(i) + (long) r * cols;
  }

  /** Number of blocks. */
  public int count() {
    return count;
  }

  /** Rows per block. */
  public int rows() {
    return rows;
  }

  /** Columns per block. */
  public int cols() {
    return cols;
  }

  /** Block {@code i} whole: [rows, cols]. */
  public INDArray block(int i) {
    return head(i, rows);
  }

  /** The first {@code n} rows of block {@code i}: [n, cols], {@code 1 <= n <= rows}. */
  public INDArray head(int i, int n) {
    INDArray[] cache = heads[i];
    if (cache == null) {
      cache = new INDArray[rows + 1];
      heads[i] = cache;
    }
    INDArray v = cache[n];
    if (v == null) {
      v = view(offset(i), n, cols);
      cache[n] = v;
    }
    return v;
  }

  /**
   * The second half of the first {@code n} rows of block {@code i}: rows {@code n/2 .. n-1},
   * [n - n/2, cols], {@code 2 <= n <= rows}; the first half is {@code head(i, n / 2)}.
   */
  public INDArray upperHalf(int i, int n) {
    INDArray[] cache = upperHalves[i];
    if (cache == null) {
      cache = new INDArray[rows + 1];
      upperHalves[i] = cache;
    }
    INDArray v = cache[n];
    if (v == null) {
      v = view(offset(i, n / 2), n - n / 2, cols);
      cache[n] = v;
    }
    return v;
  }

  /** Rows {@code n .. rows-1} of block {@code i}: [rows - n, cols], {@code 0 <= n < rows}. */
  public INDArray tail(int i, int n) {
    INDArray[] cache = tails[i];
    if (cache == null) {
      cache = new INDArray[rows + 1];
      tails[i] = cache;
    }
    INDArray v = cache[n];
    if (v == null) {
      v = view(offset(i, n), rows - n, cols);
      cache[n] = v;
    }
    return v;
  }

  /** Blocks {@code from .. to-1} as one matrix [(to - from) * rows, cols] (not cached). */
  public INDArray span(int from, int to) {
    return view(offset(from), (to - from) * rows, cols);
  }

  private INDArray view(long offset, long r, long c) {
    return Nd4j.create(buffer.data(), new long[] {r, c}, new long[] {c, 1},
        buffer.offset() + offset, 'c', buffer.dataType());
  }
}
