package org.nmt4j.nn.ops;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs two independent pieces of work at once, one on the calling thread and one on a shared
 * helper thread, with single-threaded matrix products while both run.
 *
 * <p>Why: the two directions of a bidirectional LSTM layer are independent. Run one after the
 * other, every small product is split across the cores and joined again, thousands of times per
 * batch, and elementwise operations use one core; run side by side on one core each, both
 * cores can stay busy with no synchronisation until the end of the layer.
 *
 * <p>On by default where there are two cores or more. On the 2-core build machine, quiet (load
 * average 1-1.5, 2026-12-07), it made {@code bench train --precision bf16} 14-22% faster (1,555
 * and 1,633 against 1,368 and 1,342 target tokens/s, alternating) and bf16 decoding 8-14% faster,
 * and float32 training 1-3% faster (decoding within noise): with bf16 products the directions'
 * single-threaded cell work dominates, and two streams overlap it. Under a heavy load (7-12 from
 * other work) it was once measured 10% slower for float32. Turn it off with the system property
 * {@code nmt4j.parallel.directions=false} or {@link #setEnabled}; it is always off on a single
 * core. Results are the same either way (each stream's arithmetic does not depend on the other).
 *
 * <p>Small work (a sentence's encoder pass, a decoding step of a few rows: see {@link #worthIt}
 * and {@code DecodingState}) is handed over only while the helper starts promptly ({@link
 * #responsive()}); work that needs no OpenBLAS product skips OpenBLAS's process-wide thread
 * count ({@link #run(boolean, boolean, Runnable, Runnable)}).
 */
public final class TwoStreams {
  /** System property that turns the side-by-side execution off when "false". */
  public static final String PROPERTY = "nmt4j.parallel.directions";

  private static volatile boolean enabled = Runtime.getRuntime().availableProcessors() > 1
      && !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));

  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "nmt4j-stream");
    t.setDaemon(true);
    return t;
  });

  private TwoStreams() {}

  /**
   * Most cells (time x batch x hidden) of a recurrent layer pass that run one direction after
   * the other: a hand-off costs tens of microseconds, a layer pass of 8 positions (4,096 cells
   * at H 512) about half a millisecond.
   */
  static final long MIN_CELLS = 4096;

  /**
   * Whether a recurrent layer pass over {@code cells} (time x batch x hidden) is large enough to
   * run side by side: {@value #LARGE_CELLS} cells or more, or {@value #MIN_CELLS} or more while
   * the helper starts promptly ({@link #responsive()}). The small passes are meant for latency:
   * a sentence's encoder pass at batch 1 (8-20 positions) is a chain of matrix-vector products,
   * which split across the cores pay a fork and a join each and leave a core idle in between;
   * side by side each direction reads its own weights on its own core (batch 1 at load 2: 8-16%
   * faster, see {@code DecodingState#DEFAULT_SPLIT_ROWS}).
   */
  public static boolean worthIt(long cells) {
    return cells >= LARGE_CELLS || (cells >= MIN_CELLS && responsive());
  }

  /**
   * Passes of at least this many cells run side by side whether or not the helper thread
   * starts promptly (the rule measured for training before the small passes were added).
   */
  static final long LARGE_CELLS = 65536;

  /** A helper start slower than this on average means other work holds the cores. */
  static final long SLOW_START_NANOS = 1_000_000;

  /** While the helper starts slowly, one hand-off in this interval measures it again. */
  static final long RETRY_NANOS = 100_000_000;

  /** Average delay between handing work to the helper thread and its start (ns). */
  private static volatile long startDelay;
  private static volatile long retryAt;

  /**
   * Whether the helper thread has lately started its work promptly (on average within {@value
   * #SLOW_START_NANOS} ns of the hand-off). When other processes keep the cores busy, the
   * helper waits for a time slice and the caller waits at the join (on the 2-core build
   * machine, 2026-12-07, a limit of 0.2 ms kept the gate shut from a load average of about 3,
   * where the split still won 10-20%; at load 6 a forced split lost 5-40%): then
   * small work (a decoding step, a sentence's encoder pass) is better done on the calling
   * thread, with products split by OpenMP as usual. While slow, one call in {@value
   * #RETRY_NANOS} ns answers true so that a hand-off measures the delay again.
   */
  public static boolean responsive() {
    if (startDelay <= SLOW_START_NANOS) {
      return true;
    }
    long now = System.nanoTime();
    if (now - retryAt >= 0) {
      retryAt = now + RETRY_NANOS;
      return true;
    }
    return false;
  }

  /** Adds one measured start delay to the running average (weight 1/8; races lose a sample). */
  private static void recordStart(long delay) {
    startDelay += (Math.max(0, delay) - startDelay) / 8;
  }

  /**
   * Whether products of arrays of {@code type} may go to OpenBLAS (double precision, or float
   * with {@code -Dnmt4j.gemm=openblas}): see {@link #run(boolean, boolean, Runnable, Runnable)}.
   */
  public static boolean openBlasProducts(DataType type) {
    return type != DataType.FLOAT || Gemm.floatLibrary() != GemmLibrary.DNNL;
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
    run(worthIt, true, first, second);
  }

  /**
   * {@link #run(boolean, Runnable, Runnable)} for work whose products may all go to oneDNN
   * ({@code openBlas} false): then OpenBLAS's process-wide thread count is left alone, which
   * saves two native calls and a lock per hand-off where the hand-off happens at every decoding
   * step. (When this was added, each of those calls went through the preset's
   * {@code blas_set_num_threads}, which loads its class and looks symbols up every time, and
   * they took 40% of a split step; {@link Blas} now calls OpenBLAS through a pointer found
   * once, so the saving is much smaller.)
   *
   * @param openBlas whether the work may run OpenBLAS products (double precision, or float
   *     products with {@code -Dnmt4j.gemm=openblas}), which must then be made single-threaded
   */
  public static void run(boolean worthIt, boolean openBlas, Runnable first, Runnable second) {
    if (!enabled || !worthIt || OneCore.isCurrentThread()) {
      first.run();
      second.run();
      return;
    }
    if (openBlas) {
      Blas.enterSingleThreaded();
    }
    try {
      long handedOver = System.nanoTime();
      Future<?> other = POOL.submit(() -> {
        recordStart(System.nanoTime() - handedOver);
        Blas.onOneThread(second);
      });
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
      Failures.rethrow(failure);
    } finally {
      if (openBlas) {
        Blas.exitSingleThreaded();
      }
    }
  }
}
