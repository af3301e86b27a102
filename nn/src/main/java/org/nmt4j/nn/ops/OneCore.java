package org.nmt4j.nn.ops;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Marks threads that should each keep to one core: several such threads work side by side
 * (e.g. one decoding batch each), so nothing they run should split its work further.
 *
 * <p>On a marked thread {@link Halves} and {@link TwoStreams} run both halves on the thread
 * itself, and matrix products ({@link Gemm}) run single-threaded: the thread's OpenMP thread
 * count (a per-thread setting of the OpenMP runtime, which oneDNN's and OpenBLAS's OpenMP builds
 * read before every product) is set to 1 when an OpenMP runtime ({@code libgomp.so.1}) is loaded
 * in the process. For a BLAS with its own thread pool, whose thread count is process-wide, a
 * caller wraps its side-by-side section in {@link Blas#enterSingleThreaded()}. Neither changes
 * a result: products split by rows, and halves are row ranges.
 *
 * <p>The mark is for the thread's whole life: give such threads to a pool that only runs
 * side-by-side work.
 */
public final class OneCore {
  /** The OpenMP runtime's library name (GCC's, used by oneDNN and OpenBLAS's OpenMP builds). */
  private static final String OPENMP_LIBRARY = "libgomp.so.1";

  private static final ThreadLocal<Boolean> MARKED = ThreadLocal.withInitial(() -> false);

  private OneCore() {}

  /**
   * Marks the calling thread: from now on its products, {@link Halves} and {@link TwoStreams}
   * use this thread only.
   */
  public static void markCurrentThread() {
    // load the product library first, so that the OpenMP runtime it uses is the one found
    Gemm.floatBackend();
    MARKED.set(true);
    OpenMp.setThreadsOfCurrentThread(1);
  }

  /** Whether the calling thread was marked by {@link #markCurrentThread()}. */
  public static boolean isCurrentThread() {
    return MARKED.get();
  }

  /**
   * The OpenMP thread count of the calling thread (what its next product may use), or -1 when
   * no OpenMP runtime is loaded.
   */
  static int openMpThreadsOfCurrentThread() {
    return OpenMp.threadsOfCurrentThread();
  }

  /** Sets the OpenMP thread count of the calling thread (nothing without an OpenMP runtime). */
  static void setOpenMpThreadsOfCurrentThread(int threads) {
    OpenMp.setThreadsOfCurrentThread(threads);
  }

  /** Calls into the OpenMP runtime when the process has one loaded. */
  private static final class OpenMp {
    private static final Function SET_NUM_THREADS = find("omp_set_num_threads");
    private static final Function GET_MAX_THREADS = find("omp_get_max_threads");

    private static Function find(String name) {
      Gemm.floatBackend();
      try {
        return NativeLibrary.getInstance(OPENMP_LIBRARY).getFunction(name);
      } catch (LinkageError | RuntimeException e) {
        // no OpenMP runtime: products use a BLAS with its own threads (see Blas)
        return null;
      }
    }

    static void setThreadsOfCurrentThread(int threads) {
      if (SET_NUM_THREADS != null && threads >= 1) {
        SET_NUM_THREADS.invokeVoid(new Object[] {threads});
      }
    }

    static int threadsOfCurrentThread() {
      return GET_MAX_THREADS == null ? -1 : GET_MAX_THREADS.invokeInt(new Object[0]);
    }
  }
}
