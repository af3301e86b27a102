package org.nmt4j.nn.ops;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Thread counts of the matrix products. OpenBLAS's count is process-wide; oneDNN runs its
 * products on an OpenMP team of the calling thread, whose size is a per-thread setting of the
 * OpenMP runtime (the one ND4J loads, which oneDNN shares). Sections that run two independent
 * streams of work on two threads ask for single-threaded products while they last: {@link
 * #enterSingleThreaded()} for OpenBLAS, and {@link #onOneThread(Runnable)} on each stream's
 * thread for oneDNN.
 */
public final class Blas {
  private static int sections;
  private static int saved;

  private Blas() {}

  /** Enters a section in which every OpenBLAS product runs on its calling thread. */
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

  /**
   * Runs {@code work} on the calling thread with the OpenMP teams it starts (oneDNN's products)
   * limited to one thread, then restores the thread's own setting.
   */
  public static void onOneThread(Runnable work) {
    NativeOps ops = Native.OPS;
    int before = ops.ompGetMaxThreads();
    ops.setOmpNumThreads(1);
    try {
      work.run();
    } finally {
      ops.setOmpNumThreads(before);
    }
  }

  /**
   * Runs {@code work} with its products on {@code threads} threads: the OpenMP teams the calling
   * thread starts (oneDNN) and OpenBLAS's process-wide pool both sized {@code threads}, and both
   * restored afterwards. For benchmarks that time the libraries at a chosen thread count; other
   * threads' OpenBLAS products see the count too while it lasts.
   *
   * @throws IllegalArgumentException when {@code threads < 1}
   */
  public static synchronized void withThreads(int threads, Runnable work) {
    if (threads < 1) {
      throw new IllegalArgumentException("product threads must be >= 1, got " + threads);
    }
    NativeOps ops = Native.OPS;
    int openMpBefore = ops.ompGetMaxThreads();
    int openBlasBefore = openblas_nolapack.blas_get_num_threads();
    ops.setOmpNumThreads(threads);
    openblas_nolapack.blas_set_num_threads(threads);
    try {
      work.run();
    } finally {
      openblas_nolapack.blas_set_num_threads(openBlasBefore);
      ops.setOmpNumThreads(openMpBefore);
    }
  }

  /** The size of the OpenMP teams the calling thread starts (oneDNN's product threads). */
  public static int openMpThreads() {
    return Native.OPS.ompGetMaxThreads();
  }

  /** ND4J's native operations, whose OpenMP calls reach the runtime oneDNN shares. */
  private static final class Native {
    static final NativeOps OPS = load();

    private static NativeOps load() {
      // the holder only works once ND4J's backend is up (it reads the backend's properties)
      Nd4j.getBackend();
      return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }
  }
}
