package org.nmt4j.nn.ops;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS's thread count, which is process-wide. Sections that run two independent streams of
 * work on two threads ask for single-threaded products while they last ({@link
 * #singleThreaded()}); the count is restored when the last such section ends.
 */
public final class Blas {
  private static int sections;
  private static int saved;

  private Blas() {}

  /** Enters a section in which every product runs on its calling thread. */
  public static synchronized void enterSingleThreaded() {
    if (sections++ == 0) {
      saved = openblas_nolapack.blas_get_num_threads();
      openblas_nolapack.blas_set_num_threads(1);
    }
  }

  /** Leaves a section entered with {@link #enterSingleThreaded()}. */
  public static synchronized void exitSingleThreaded() {
    if (sections <= 0) {
      throw new IllegalStateException("no single-threaded BLAS section to leave");
    }
    if (--sections == 0) {
      openblas_nolapack.blas_set_num_threads(saved);
    }
  }

  /** OpenBLAS's current thread count. */
  public static int threads() {
    return openblas_nolapack.blas_get_num_threads();
  }
}
