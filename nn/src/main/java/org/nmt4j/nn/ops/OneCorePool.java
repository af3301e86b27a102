package org.nmt4j.nn.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks side by side on threads that each keep to one core ({@link OneCore}):
 * e.g. several decoding batches at once, each with single-threaded products, instead of one
 * batch at a time with every product split across the cores.
 *
 * <p>Why: a decoding step is a chain of small products ([64, 512] x [512, 2048]) with
 * single-threaded work in between (the cell's activations, the reductions over the vocabulary,
 * the token choice). Split across the cores, each product pays a fork and a join and the work in
 * between leaves the other cores idle; one batch per core keeps every core busy with no
 * synchronisation until the batch ends.
 *
 * <p>Tasks are taken in index order by whichever worker is free (so the first tasks start
 * first). The pool's threads are daemons, made on demand and kept idle for a minute.
 */
public final class OneCorePool {
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(() -> {
      OneCore.markCurrentThread();
      r.run();
    }, "nmt4j-one-core");
    t.setDaemon(true);
    return t;
  });

  private OneCorePool() {}

  /** The default number of workers: the cores the JVM may use. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs {@code work.accept(i)} for every i in [0, tasks), on {@code min(workers, tasks)} one-core
   * threads side by side, or on the calling thread one after the other (products and halves
   * split as usual) when that is one worker; returns when all are done. After a failure no new
   * task starts, and the first failure is rethrown once the running ones end.
   *
   * <p>While workers run, OpenBLAS's process-wide thread count is 1 ({@link
   * Blas#enterSingleThreaded()}), so a BLAS with its own thread pool does not split either.
   *
   * @param tasks number of tasks
   * @param workers most threads at once; at least 1
   * @param work the task of index i; called from several threads at once when workers > 1
   */
  public static void run(int tasks, int workers, IntConsumer work) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    int threads = Math.min(workers, tasks);
    if (threads <= 1) {
      for (int i = 0; i < tasks; i++) {
        work.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < tasks && !failed.get(); i = next.getAndIncrement()) {
        try {
          work.accept(i);
        } catch (RuntimeException | Error e) {
          failed.set(true);
          throw e;
        }
      }
    };
    // OpenBLAS's count is process-wide, and setting it also sets the OpenMP count of whichever
    // caller enters first or leaves last: the caller's own count is put back afterwards
    int callerThreads = OneCore.openMpThreadsOfCurrentThread();
    Blas.enterSingleThreaded();
    try {
      List<Future<?>> running = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        running.add(POOL.submit(worker));
      }
      Throwable failure = null;
      boolean interrupted = false;
      for (Future<?> f : running) {
        // the workers write the caller's data: wait for every one, even when interrupted
        while (true) {
          try {
            f.get();
            break;
          } catch (ExecutionException e) {
            if (failure == null) {
              failure = e.getCause();
            }
            break;
          } catch (InterruptedException e) {
            interrupted = true;
            failed.set(true);
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = new IllegalStateException("interrupted while decoding side by side");
        }
      }
      Failures.rethrow(failure);
    } finally {
      Blas.exitSingleThreaded();
      OneCore.setOpenMpThreadsOfCurrentThread(callerThreads);
    }
  }
}
