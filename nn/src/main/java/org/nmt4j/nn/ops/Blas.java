package org.nmt4j.nn.ops;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads;
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
 *
 * <p>OpenBLAS's count is set through one function pointer to {@code openblas_set_num_threads},
 * looked up once ({@link OpenBlasThreads}), and only when the count changes: the preset's
 * {@code openblas_nolapack.blas_set_num_threads} loads the library's class and looks up four
 * symbols on every call, which was 8% of the encoder's time under {@link TwoStreams} (an
 * async-profiler profile of {@code bench translate --quantize bf16}, whose encoder enters and
 * leaves a single-threaded section around each of its two-stream sections); after the change
 * the encoder's samples in {@code enterSingleThreaded} fell to 0.3%.
 */
public final class Blas {
  private static int sections;
  private static int saved;

  private Blas() {}

  /** Enters a section in which every OpenBLAS product runs on its calling thread. */
  public static synchronized void enterSingleThreaded() {
    if (sections++ == 0) {
      saved = OpenBlasThreads.get();
      OpenBlasThreads.set(1);
    }
  }

  /** Leaves a section entered with {@link #enterSingleThreaded()}. */
  public static synchronized void exitSingleThreaded() {
    if (sections <= 0) {
      throw new IllegalStateException("no single-threaded BLAS section to leave");
    }
    if (--sections == 0) {
      OpenBlasThreads.set(saved);
    }
  }

  /** OpenBLAS's current thread count (as last set through this class). */
  public static synchronized int threads() {
    return OpenBlasThreads.get();
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
    int openBlasBefore = OpenBlasThreads.get();
    ops.setOmpNumThreads(threads);
    OpenBlasThreads.set(threads);
    try {
      work.run();
    } finally {
      OpenBlasThreads.set(openBlasBefore);
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

  /**
   * OpenBLAS's process-wide thread count, set through a function pointer looked up once and
   * remembered, so that setting the count it already has costs nothing. Callers hold {@link
   * Blas}'s lock.
   */
  static final class OpenBlasThreads {
    /** openblas_set_num_threads, or null when the loaded library lacks it (then the preset's). */
    private static final SetNumThreads SET = find();
    /** The count as last set (the preset's value before the first set, -1: the default). */
    private static int current = openblas_nolapack.blas_get_num_threads();
    /** Calls into OpenBLAS so far (for tests: unchanged counts make none). */
    private static long calls;

    private OpenBlasThreads() {}

    private static SetNumThreads find() {
      Loader.load(openblas_nolapack.class);
      Pointer address = Loader.addressof("openblas_set_num_threads");
      return address == null || address.isNull() ? null : new Setter(address);
    }

    /** The preset's function-pointer type, made to call {@code function} (as the preset does). */
    private static final class Setter extends SetNumThreads {
      Setter(Pointer function) {
        super(); // allocates the native function-pointer holder
        put(function);
      }
    }

    static int get() {
      return current;
    }

    static void set(int threads) {
      if (threads == current) {
        return;
      }
      if (SET != null) {
        SET.call(threads);
      } else {
        openblas_nolapack.blas_set_num_threads(threads);
      }
      current = threads;
      calls++;
    }

    static long calls() {
      return calls;
    }

    /** Whether the direct function pointer was found (else every change goes through the preset). */
    static boolean direct() {
      return SET != null;
    }
  }
}
