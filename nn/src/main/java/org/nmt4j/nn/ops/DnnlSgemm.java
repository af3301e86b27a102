package org.nmt4j.nn.ops;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Single-precision matrix products through oneDNN's {@code dnnl_sgemm} (the system library
 * {@code libdnnl.so.2}, Debian package libdnnl2) when it can be loaded; {@link Gemm} falls back to
 * OpenBLAS otherwise.
 *
 * <p>Why: oneDNN generates its kernels at run time for the CPU it finds (AVX-512 on this AMD
 * EPYC), while Debian's OpenBLAS 0.3.21 runs its sgemm_kernel_HASWELL (AVX2) here (seen with
 * perf). Measured on the 2-core machine with two threads, row-major, float: [64, 512] x [512,
 * 2048] 396 us against 713 us; [896, 1024] x [1024, 2048] 8.7 ms against 17.0 ms; [64, 512] x
 * [512, 8000]^T 2.8 ms against 2.9 ms (the same product with W^T stored: 1.26 ms); results within
 * 1e-6 relative of each other.
 *
 * <p>Called through JNA's direct mapping (a few microseconds per call, against products of
 * hundreds). The system property {@value #PROPERTY} chooses: {@code auto} (default: oneDNN when
 * it loads), {@code openblas}, or {@code dnnl} (fail when it cannot load).
 */
final class DnnlSgemm {
  /** System property choosing the float product library: auto, openblas or dnnl. */
  static final String PROPERTY = "nmt4j.gemm";

  private static final String REAPER_STACK = "jdk.lang.processReaperUseDefaultStackSize";

  /** Whether products go through oneDNN. */
  static final boolean AVAILABLE = load();

  private DnnlSgemm() {}

  private static boolean load() {
    String choice = System.getProperty(PROPERTY, "auto");
    switch (choice) {
      case "openblas":
        return false;
      case "auto":
      case "dnnl":
        break;
      default:
        throw new IllegalArgumentException(
            "-D" + PROPERTY + " must be auto, openblas or dnnl, got '" + choice + "'");
    }
    // JNA runs `ldconfig -p` when it starts. The JDK waits for that process on a "process
    // reaper" thread with a small stack, too small once libnd4jcpu's thread-local storage sits
    // on it: it overflowed and printed a StackOverflowError. Give it the default stack size
    // (-Xss) unless the user chose otherwise.
    if (System.getProperty(REAPER_STACK) == null) {
      System.setProperty(REAPER_STACK, "true");
    }
    try {
      Native.register(DnnlSgemm.class, "dnnl");
      return true;
    } catch (LinkageError | RuntimeException e) {
      // LinkageError: no libdnnl, or JNA's own native stub could not be loaded
      if (choice.equals("dnnl")) {
        throw new IllegalStateException("-D" + PROPERTY + "=dnnl: libdnnl could not be loaded ("
            + e.getMessage() + "); install the libdnnl2 package", e);
      }
      return false;
    }
  }

  /** oneDNN's row-major sgemm: C = alpha op(A) op(B) + beta C; returns its status (0 = success). */
  private static native int dnnl_sgemm(byte transa, byte transb, long m, long n, long k,
      float alpha, Pointer a, long lda, Pointer b, long ldb, float beta, Pointer c, long ldc);

  /** {@link Gemm#gemm} for float arrays given by their native addresses (bytes). */
  static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, long a,
      int lda, long b, int ldb, float beta, long c, int ldc) {
    int status = dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'), m, n, k,
        alpha, new Pointer(a), lda, new Pointer(b), ldb, beta, new Pointer(c), ldc);
    if (status != 0) {
      throw new IllegalStateException("dnnl_sgemm failed with status " + status + " for [" + m
          + ", " + k + "] x [" + k + ", " + n + "]");
    }
  }
}
