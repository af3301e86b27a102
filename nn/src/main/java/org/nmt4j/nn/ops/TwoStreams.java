package org.nmt4j.nn.ops;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs two independent pieces of work at once, one on the calling thread and one on a shared
 * helper thread, with single-threaded matrix products while both run.
 *
 * <p>Why: the two directions of a bidirectional LSTM layer are independent. Run one after the
 * other, every small product is split across the cores and joined again, thousands of times per
 * batch, and elementwise operations use one core; run side by side on one core each, both
 * cores can stay busy with no synchronisation until the end of the layer.
 *
 * <p>Off by default: on the shared 2-core machine this was measured on (load average 7-12 from
 * other work) it was about 10% slower than one stream with two-threaded products (in theory it
 * gains a few percent on an idle machine, not measured). Turn it on with the system property
 * {@code nmt4j.parallel.directions=true} or {@link #setEnabled}; it stays off on a single core.
 * Results are the same either way (each stream's arithmetic does not depend on the other).
 */
public final class TwoStreams {
  /** System property that turns the side-by-side execution on when "true". */
  public static final String PROPERTY = "nmt4j.parallel.directions";

  private static volatile boolean enabled = Runtime.getRuntime().availableProcessors() > 1
      && "true".equalsIgnoreCase(System.getProperty(PROPERTY, "false"));

  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "nmt4j-stream");
    t.setDaemon(true);
    return t;
  });

  private TwoStreams() {}

  /**
   * Whether a recurrent layer pass over {@code cells} (time x batch x hidden) is large enough to
   * run side by side: below 2^16 cells the hand-off costs more than it saves.
   */
  public static boolean worthIt(long cells) {
    return cells >= 65536;
  }

  /** Whether work actually runs side by side. */
  public static boolean enabled() {
    return enabled;
  }

  /**
   * Turns side-by-side execution on or off for the whole process (results are the same); it
   * stays off on a single-core machine.
   */
  public static void setEnabled(boolean on) {
    enabled = on && Runtime.getRuntime().availableProcessors() > 1;
  }

  /**
   * Runs {@code first} and {@code second}, side by side when enabled and {@code worthIt};
   * rethrows their failures.
   *
   * @param worthIt whether the work is large enough to repay a hand-off to another thread
   *     (tens of microseconds, more on a busy machine)
   */
  public static void run(boolean worthIt, Runnable first, Runnable second) {
    if (!enabled || !worthIt || OneCore.isCurrentThread()) {
      first.run();
      second.run();
      return;
    }
    Blas.enterSingleThreaded();
    try {
      Future<?> other = POOL.submit(() -> Blas.onOneThread(second));
      Throwable failure = null;
      try {
        Blas.onOneThread(first);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      try {
        other.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = e;
        }
      }
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    } finally {
      Blas.exitSingleThreaded();
    }
  }
}
