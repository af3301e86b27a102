package org.nmt4j.nn.ops;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Single-precision products through oneDNN's {@code dnnl_sgemm}, called through the JavaCPP
 * preset {@code org.bytedeco:dnnl} (its jar carries libdnnl for linux-x86_64).
 *
 * <p>Why oneDNN: it generates its kernels at run time for the CPU it finds, AVX-512 where
 * present, while OpenBLAS 0.3.19 picks a fixed kernel per CPU family. Measured on the 2-core
 * Intel Xeon (AVX-512) build machine, two threads, best of repeated calls, row-major float:
 * [64, 512] x [512, 2048] 0.45 ms against 0.70 ms (OpenBLAS 0.3.19, the jar's) and 0.47 ms
 * (MKL 2022.0, the jar's); [896, 1024] x [1024, 2048] 30-33 ms against 59 ms and 47 ms; [64,
 * 512] x [512, 8000]^T about even (2.7-3.0 ms). oneDNN and ND4J share one OpenMP runtime (the
 * libgomp ND4J loads first), so their threads never compete with a second pool.
 */
final class DnnlSgemm {
  private DnnlSgemm() {}

  /**
   * {@code C = alpha op(A) op(B) + beta C}, row-major, at the pointers' positions.
   *
   * @throws IllegalStateException when oneDNN reports a failure (bad arguments)
   */
  static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      FloatPointer a, int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
    int status = dnnl.dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'), m, n,
        k, alpha, a, lda, b, ldb, beta, c, ldc);
    if (status != dnnl.dnnl_success) {
      throw new IllegalStateException("dnnl_sgemm failed with status " + status + " for [" + m
          + ", " + k + "] x [" + k + ", " + n + "]");
    }
  }
}
