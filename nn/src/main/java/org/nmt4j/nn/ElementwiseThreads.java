package org.nmt4j.nn;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs ND4J's elementwise operations on the calling thread.
 *
 * <p>The recurrent layers issue thousands of elementwise operations on [batch, hidden] blocks
 * per batch; each takes a few microseconds of arithmetic. Split across libnd4j's worker
 * threads, the hand-off costs more than it saves, and on a machine with few cores those workers
 * compete with OpenBLAS's threads (measured on 2 cores: a sigmoid on [64, 512] 82 us on one
 * thread, 120-600 us on two depending on load). Matrix products keep OpenBLAS's own threads.
 *
 * <p>The setting is process-wide (ND4J has no per-call thread count). The system property
 * {@code nmt4j.elementwise.threads} overrides the default of 1.
 */
public final class ElementwiseThreads {
  /** System property naming the thread count for ND4J's elementwise operations. */
  public static final String PROPERTY = "nmt4j.elementwise.threads";

  /** System property naming the thread count of {@link #wide()} sections (default: cores). */
  public static final String WIDE_PROPERTY = "nmt4j.wide.threads";

  private static volatile boolean applied;
  private static volatile int narrow = 1;

  private ElementwiseThreads() {}

  /** Applies the setting once per process (later calls do nothing). */
  public static void apply() {
    if (applied) {
      return;
    }
    synchronized (ElementwiseThreads.class) {
      if (!applied) {
        int threads = Integer.getInteger(PROPERTY, 1);
        if (threads < 1) {
          throw new IllegalArgumentException("-D" + PROPERTY + " must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        narrow = threads;
        applied = true;
      }
    }
  }

  /**
   * Lets ND4J's operations use every core until the returned section is closed; for a few
   * large memory-bound operations (a whole-model optimizer update, a softmax over [tokens,
   * vocabulary]) where splitting pays. Sections are not nested and not per thread: the setting
   * is process-wide, so an operation of another thread running meanwhile may also be split
   * (that changes its speed, never its result).
   */
  public static Section wide() {
    apply();
    int threads = Integer.getInteger(WIDE_PROPERTY, Runtime.getRuntime().availableProcessors());
    Nd4j.getEnvironment().setMaxMasterThreads(Math.max(1, threads));
    return SECTION;
  }

  private static final Section SECTION = new Section();

  /** Restores the narrow setting when closed. */
  public static final class Section implements AutoCloseable {
    private Section() {}

    @Override
    public void close() {
      Nd4j.getEnvironment().setMaxMasterThreads(narrow);
    }
  }
}
