package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.buffer.DataType;

/** Row gathers and scatters between contiguous row-major matrices (a memcpy per row). */
public final class Rows {
  private Rows() {}

  /**
   * dst row i = src row map[i].
   *
   * @param src [rows_s, cols]
   * @param map [n] source row of each destination row
   * @param dst [n, cols] (must not overlap src)
   */
  public static void gather(MatrixRef src, int[] map, MatrixRef dst) {
    if (src.cols() != dst.cols() || dst.rows() != map.length) {
      throw new IllegalArgumentException("row gather shape mismatch");
    }
    for (int i = 0; i < map.length; i++) {
      if (map[i] < 0 || map[i] >= src.rows()) {
        throw new IllegalArgumentException("row " + map[i] + " outside [0, " + src.rows() + ")");
      }
      NativeMemory.copy(src.array(), src.offset() + (long) map[i] * src.ld(),
          dst.array(), dst.offset() + (long) i * dst.ld(), src.cols());
    }
  }

  /** Copies {@code n} rows from src (starting at row srcRow) to dst (starting at dstRow). */
  public static void copy(MatrixRef src, int srcRow, MatrixRef dst, int dstRow, int n) {
    if (src.cols() != dst.cols()) {
      throw new IllegalArgumentException("row copy width mismatch");
    }
    if (src.ld() == src.cols() && dst.ld() == dst.cols()) {
      NativeMemory.copy(src.array(), src.offset() + (long) srcRow * src.ld(),
          dst.array(), dst.offset() + (long) dstRow * dst.ld(), (long) n * src.cols());
      return;
    }
    for (int i = 0; i < n; i++) {
      NativeMemory.copy(src.array(), src.offset() + (long) (srcRow + i) * src.ld(),
          dst.array(), dst.offset() + (long) (dstRow + i) * dst.ld(), src.cols());
    }
  }

  /**
   * dst row map[i] += src row i (repeated targets accumulate).
   *
   * @param src [n, cols]
   * @param map [n] destination row of each source row
   * @param dst [rows_d, cols]
   */
  public static void scatterAdd(MatrixRef src, int[] map, MatrixRef dst) {
    if (src.cols() != dst.cols() || src.rows() != map.length) {
      throw new IllegalArgumentException("row scatter shape mismatch");
    }
    int cols = src.cols();
    if (src.array().dataType() == DataType.DOUBLE) {
      double[] a = new double[cols];
      double[] d = new double[cols];
      for (int i = 0; i < map.length; i++) {
        NativeMemory.readDoubles(src.array(), src.offset() + (long) i * src.ld(), a, 0, cols);
        long off = dst.offset() + (long) map[i] * dst.ld();
        NativeMemory.readDoubles(dst.array(), off, d, 0, cols);
        for (int j = 0; j < cols; j++) {
          d[j] += a[j];
        }
        NativeMemory.writeDoubles(dst.array(), off, d, 0, cols);
      }
    } else {
      float[] a = new float[cols];
      float[] d = new float[cols];
      for (int i = 0; i < map.length; i++) {
        NativeMemory.read(src.array(), src.offset() + (long) i * src.ld(), a, 0, cols);
        long off = dst.offset() + (long) map[i] * dst.ld();
        NativeMemory.read(dst.array(), off, d, 0, cols);
        for (int j = 0; j < cols; j++) {
          d[j] += a[j];
        }
        NativeMemory.write(dst.array(), off, d, 0, cols);
      }
    }
  }
}
