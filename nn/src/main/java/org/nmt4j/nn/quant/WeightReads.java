package org.nmt4j.nn.quant;

/**
 * How a product reads a registered weight parameter, the right operand B [k, n] of {@code x B}:
 * an input-major parameter [inputs, outputs] is read as a block of rows {@code row0 .. row0 + k}
 * and columns {@code col0 .. col0 + n}, not transposed; an output-major parameter [outputs,
 * inputs] is read transposed, all of its columns for the rows {@code col0 .. col0 + n} (a range
 * of the output layer's logits). Any other read (a transposed read of an input-major matrix, as
 * backpropagation does) is not one an inference form serves.
 */
final class WeightReads {
  private WeightReads() {}

  /**
   * The block of the parameter the product reads, or null when it reads the parameter another
   * way.
   *
   * @param inputs the parameter's K (rows when input-major, columns when output-major)
   * @param outputs the parameter's N
   */
  static Block block(boolean outputMajor, int inputs, int outputs, boolean transB, int n, int k,
      long bOffset, int ldb) {
    if (bOffset < 0 || n < 0 || k < 0) {
      return null;
    }
    if (outputMajor) {
      if (!transB || ldb != inputs || k != inputs || bOffset % inputs != 0) {
        return null;
      }
      long col0 = bOffset / inputs;
      return col0 + n <= outputs ? new Block(0, (int) col0) : null;
    }
    if (transB || ldb != outputs) {
      return null;
    }
    long row0 = bOffset / outputs;
    long col0 = bOffset % outputs;
    return row0 + k <= inputs && col0 + n <= outputs ? new Block((int) row0, (int) col0) : null;
  }

  /** Where a product's block of B starts: its first row and first column of B [K, N]. */
  record Block(int row0, int col0) {}
}
