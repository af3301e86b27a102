package org.nmt4j.nn.ops;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a piece of row-wise work in two halves at once: half 0 on the calling thread, half 1 on
 * a pooled helper thread.
 *
 * <p>Why: in a recurrent step the matrix products use every core, but what lies between them
 * (the LSTM cell's sigmoids and tanhs, the decoder's log-sum-exp over the vocabulary) runs on
 * one core while the product threads sleep. Work split by rows gives the same result whichever
 * thread computes which half, so splitting changes speed only.
 *
 * <p>The hand-off allocates nothing (helpers are pooled; a split is two volatile writes and an
 * unpark, and the caller spins briefly before parking), so hot loops may call it every step.
 * Any number of threads may split at once; each split takes its own helper.
 */
public final class Halves {
  /**
   * Below this many elements of work a split costs more than it saves (a hand-off is a few to
   * tens of microseconds; one core does about 2^15 transcendental functions in 80 us).
   */
  public static final long MIN_ELEMENTS = 1L << 15;

  /** Spin this long for the helper before parking: its half normally ends within microseconds. */
  private static final long SPIN_NANOS = 50_000;

  private static final boolean SEVERAL_CORES = Runtime.getRuntime().availableProcessors() > 1;

  private static final ArrayBlockingQueue<Helper> IDLE = new ArrayBlockingQueue<>(64);

  /** Work done in two halves. */
  @FunctionalInterface
  public interface Work {
    /**
     * Does one half; the two halves run at the same time on different threads and must touch
     * disjoint data.
     *
     * @param half 0 or 1
     */
    void run(int half);
  }

  private Halves() {}

  /** The first index of {@code half} (0 or 1) of the range [0, n): 0, or n / 2. */
  public static int start(int half, int n) {
    return half == 0 ? 0 : n / 2;
  }

  /** The end (exclusive) of {@code half} (0 or 1) of the range [0, n): n / 2, or n. */
  public static int end(int half, int n) {
    return half == 0 ? n / 2 : n;
  }

  /**
   * Whether work over {@code elements} elements is worth splitting on this machine (more than one
   * core, and large enough), and the calling thread may use more than one core (see {@link
   * OneCore}).
   */
  public static boolean worthIt(long elements) {
    return SEVERAL_CORES && elements >= MIN_ELEMENTS && !OneCore.isCurrentThread();
  }

  /**
   * Runs both halves of {@code work}, side by side when {@code split}, else one after the other
   * on the calling thread (always on a {@link OneCore} thread); returns when both are done and
   * rethrows a failure of either.
   */
  public static void run(boolean split, Work work) {
    if (!split || !SEVERAL_CORES || OneCore.isCurrentThread()) {
      work.run(0);
      work.run(1);
      return;
    }
    Helper helper = IDLE.poll();
    if (helper == null) {
      helper = new Helper();
    }
    helper.start(work);
    Throwable mine = null;
    try {
      work.run(0);
    } catch (RuntimeException | Error e) {
      mine = e;
    }
    // the helper writes the caller's data: always wait for it
    Throwable theirs = helper.await();
    if (!IDLE.offer(helper)) {
      helper.quit();
    }
    Failures.rethrow(mine != null ? mine : theirs);
  }

  /** A daemon thread that runs half 1 of one split at a time. */
  private static final class Helper {
    private final Thread thread;
    private volatile Work work;
    private volatile Thread caller;
    /** Set by the caller to hand work over, cleared by the helper when done. */
    private volatile boolean pending;
    private volatile boolean quit;
    private volatile Throwable failure;

    Helper() {
      thread = new Thread(this::loop, "nmt4j-halves");
      thread.setDaemon(true);
      thread.start();
    }

    void start(Work w) {
      caller = Thread.currentThread();
      work = w;
      pending = true;
      LockSupport.unpark(thread);
    }

    Throwable await() {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (pending) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, 100_000);
        }
      }
      Throwable f = failure;
      failure = null;
      work = null;
      return f;
    }

    void quit() {
      quit = true;
      LockSupport.unpark(thread);
    }

    private void loop() {
      while (true) {
        while (!pending && !quit) {
          LockSupport.park(this);
        }
        if (quit) {
          return;
        }
        try {
          work.run(1);
        } catch (RuntimeException | Error e) {
          failure = e;
        }
        Thread c = caller;
        pending = false;
        LockSupport.unpark(c);
      }
    }
  }
}
