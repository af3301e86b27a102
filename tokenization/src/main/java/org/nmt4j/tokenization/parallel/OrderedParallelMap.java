package org.nmt4j.tokenization.parallel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Maps a stream of items on several threads and hands the results back in input order: the
 * input is cut into chunks of {@code chunkSize} items, each chunk is mapped on a worker, and at
 * most {@code 2 x threads} chunks are in flight, so memory stays bounded whatever the stream's
 * length. With one thread the items are mapped on the caller's thread, one at a time, which is
 * the reference the parallel path is tested against ({@code OrderedParallelMapTest}).
 *
 * <p>The function must be thread-safe (the tokenizers and {@code BpeCodec} are). The input
 * iterator is only used from the caller's thread. An exception thrown by the function is
 * rethrown from {@link #next()} or {@link #hasNext()} at the item's place in the order (items
 * before it are delivered first). Close it to stop the workers.
 *
 * @param <I> input item
 * @param <O> output item
 */
public final class OrderedParallelMap<I, O> implements Iterator<O>, AutoCloseable {

  /** Items per chunk by default: large enough that handing a chunk over costs little. */
  public static final int DEFAULT_CHUNK = 512;

  private final Iterator<? extends I> input;
  private final Function<? super I, ? extends O> function;
  private final int chunkSize;
  private final int maxInFlight;
  private final ExecutorService pool;
  private final ArrayDeque<Future<List<O>>> inFlight = new ArrayDeque<>();
  private Iterator<O> current = List.<O>of().iterator();

  /**
   * @param input the items, read on the caller's thread
   * @param function the work per item (thread-safe)
   * @param threads worker threads; 1 maps on the caller's thread
   * @param chunkSize items per chunk, at least 1
   */
  public OrderedParallelMap(Iterator<? extends I> input, Function<? super I, ? extends O> function,
      int threads, int chunkSize) {
    this.input = Objects.requireNonNull(input, "input");
    this.function = Objects.requireNonNull(function, "function");
    if (threads < 1 || chunkSize < 1) {
      throw new IllegalArgumentException("threads and chunkSize must be >= 1, got " + threads
          + " and " + chunkSize);
    }
    this.chunkSize = chunkSize;
    this.maxInFlight = 2 * threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "nmt4j-parallel-map");
      t.setDaemon(true);
      return t;
    });
  }

  /** The number of threads to use by default: the available processors. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public boolean hasNext() {
    if (pool == null) {
      return input.hasNext();
    }
    while (!current.hasNext()) {
      fill();
      Future<List<O>> next = inFlight.poll();
      if (next == null) {
        return false;
      }
      current = await(next).iterator();
    }
    return true;
  }

  @Override
  public O next() {
    if (pool == null) {
      return function.apply(input.next());
    }
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  private void fill() {
    while (inFlight.size() < maxInFlight && input.hasNext()) {
      List<I> chunk = new ArrayList<>(chunkSize);
      while (chunk.size() < chunkSize && input.hasNext()) {
        chunk.add(input.next());
      }
      inFlight.add(pool.submit(() -> {
        List<O> out = new ArrayList<>(chunk.size());
        for (I item : chunk) {
          out.add(function.apply(item));
        }
        return out;
      }));
    }
  }

  private List<O> await(Future<List<O>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /** Stops the workers; results not yet taken are dropped. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
