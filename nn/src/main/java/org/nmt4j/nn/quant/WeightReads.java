package org.nmt4j.nn.quant;

/**
 * How a product reads a registered weight parameter, the right operand B [k, n] of {@code x B}:
 * an input-major parameter [inputs, n] is read as whole rows {@code row0 .. row0 + k}, not
 * transposed; an output-major parameter [n, inputs] is read transposed, all of it. Any other read
 * (a transposed read of an input-major matrix, as backpropagation does) is not one an
 * inference form serves.
 */
final class WeightReads {
  private WeightReads() {}

  /**
   * The first parameter row the product reads, or -1 when it reads the parameter another way.
   *
   * @param inputs the parameter's K (rows when input-major, columns when output-major)
   * @param outputs the parameter's N
   */
  static int firstRow(boolean outputMajor, int inputs, int outputs, boolean transB, int n, int k,
      long bOffset, int ldb) {
    if (n != outputs) {
      return -1;
    }
    if (outputMajor) {
      return transB && bOffset == 0 && ldb == inputs && k == inputs ? 0 : -1;
    }
    if (transB || ldb != n || bOffset % n != 0 || bOffset / n + k > inputs) {
      return -1;
    }
    return (int) (bOffset / n);
  }
}
