package org.nmt4j.spark;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Keeps a worker's matrix products on its own thread, so that {@code local[2]} runs two workers
 * on two cores rather than each spreading its products over both.
 *
 * <p>OpenBLAS's thread count is process-wide and is lowered for the duration of a task ({@code
 * Blas.enterSingleThreaded}); oneDNN's products (used when {@code libdnnl2} is installed) run on
 * OpenMP, whose thread count is a per-thread setting: this sets it to 1 on the calling (task)
 * thread through {@code omp_set_num_threads}, when an OpenMP runtime is loaded in the process.
 * Executor threads only run tasks, so the setting is kept; the driver's threads are untouched.
 */
final class WorkerThreads {
  private static final Function OMP_SET_NUM_THREADS = find();
  private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> false);

  private WorkerThreads() {}

  private static Function find() {
    try {
      return NativeLibrary.getProcess().getFunction("omp_set_num_threads");
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null; // no OpenMP runtime loaded: nothing runs on OpenMP threads
    }
  }

  /** Makes OpenMP regions started by this thread single-threaded (once per thread). */
  static void useOneOnThisThread() {
    if (OMP_SET_NUM_THREADS != null && !DONE.get()) {
      OMP_SET_NUM_THREADS.invoke(new Object[] {1});
      DONE.set(true);
    }
  }
}
