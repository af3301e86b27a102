package org.nmt4j.translator.bench;

import java.util.Locale;

/**
 * One matrix product of a model's step, as the layers call {@code Gemm.gemm}: {@code C [m, n] =
 * op(A) op(B)} with {@code op(A)} [m, k] and {@code op(B)} [k, n], row-major.
 *
 * @param name what the product is, e.g. {@code decoder.output}
 * @param transA whether A is stored [k, m] and read transposed
 * @param transB whether B is stored [n, k] and read transposed
 * @param calls how many such products one training step (or one decoded batch) makes
 */
public record ProductShape(String name, int m, int n, int k, boolean transA, boolean transB,
    long calls) {
  /** Checks the sizes. */
  public ProductShape {
    if (m < 1 || n < 1 || k < 1 || calls < 1) {
      throw new IllegalArgumentException(name + ": sizes and calls must be >= 1, got m " + m
          + ", n " + n + ", k " + k + ", calls " + calls);
    }
  }

  /** Floating-point operations of one call: {@code 2 m n k}. */
  public long flops() {
    return 2L * m * n * k;
  }

  /** Floating-point operations of all the calls. */
  public long totalFlops() {
    return calls * flops();
  }

  /** Whether {@code other} is the same product up to name and count (the same speed). */
  public boolean sameGeometry(ProductShape other) {
    return m == other.m && n == other.n && k == other.k && transA == other.transA
        && transB == other.transB;
  }

  /** The product as {@code [m, k] x [k, n]^T}-style text, the stored operands' layout shown. */
  public String geometry() {
    return String.format(Locale.ROOT, "[%d, %d]%s x [%d, %d]%s", transA ? k : m, transA ? m : k,
        transA ? "^T" : "", transB ? n : k, transB ? k : n, transB ? "^T" : "");
  }
}
