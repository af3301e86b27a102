package org.nmt4j.server.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/**
 * Decodes the sentences of concurrent requests together: requests wait in one bounded queue
 * (counted in sentences), and each worker thread takes the oldest request together with the
 * following ones that can share its batch, once they fill {@code maxBatchSize} sentences or the
 * oldest has waited {@code maxBatchDelay} (counted from the end of the previous batch when that is
 * later, so that the clients it just answered can join the next one). The {@link Translator} sorts a batch's sentences by
 * length into padded decoder batches and returns them in input order; the batcher cuts the
 * result back into one list per request.
 *
 * <p>What may share a batch: greedy requests for the same translator with equal decoding options.
 * Greedy output does not depend on the batch (padding masks freeze each row's state, and batched
 * greedy decoding equals row-by-row decoding), so a sentence gets the same translation alone or
 * batched. Sampled requests are decoded as their own batch: a draw depends on the sentence's
 * position within the call, so merging would change the output a seed promises.
 *
 * <p>A request whose sentences do not fit in the queue is refused at once with {@link
 * QueueFullException} (the server answers 503), never held in memory without bound.
 */
public final class DynamicBatcher implements AutoCloseable {
  private final int maxBatchSize;
  private final long maxDelayNanos;
  private final int maxQueuedSentences;
  private final BatchListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<Thread> workers = new ArrayList<>();
  private int queuedSentences;
  private boolean closing;
  /** When the last batch finished decoding (guarded by the lock). */
  private long lastBatchEndNanos = Long.MIN_VALUE;

  /**
   * Starts the worker threads.
   *
   * @param maxBatchSize most sentences per batch (a larger single request is decoded whole, in
   *     decoder batches of this size)
   * @param maxBatchDelayMs longest wait of the oldest request for its batch to fill
   * @param maxQueuedSentences capacity of the queue, in sentences
   * @param workerCount worker threads
   * @param listener told the queue length and every decoded batch
   */
  public DynamicBatcher(int maxBatchSize, int maxBatchDelayMs, int maxQueuedSentences, int workerCount,
      BatchListener listener) {
    if (maxBatchSize < 1 || maxBatchDelayMs < 0 || maxQueuedSentences < 1 || workerCount < 1) {
      throw new IllegalArgumentException("batch size, queue and workers must be >= 1, delay >= 0");
    }
    this.maxBatchSize = maxBatchSize;
    this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxBatchDelayMs);
    this.maxQueuedSentences = maxQueuedSentences;
    this.listener = Objects.requireNonNull(listener, "listener");
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::work, "nmt4j-batcher-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /**
   * Queues the sentences of one request.
   *
   * @param translator the model to decode with
   * @param sentences the request's sentences, at least one
   * @param options its decoding options
   * @return completed with [sentences][samples] translations in request order, or exceptionally
   *     with what decoding threw
   * @throws QueueFullException when the queue cannot take them, or the batcher is closing
   */
  public CompletableFuture<List<List<Translation>>> submit(
      Translator translator, List<String> sentences, DecodingOptions options) {
    Objects.requireNonNull(translator, "translator");
    Objects.requireNonNull(options, "options");
    if (sentences.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Pending p = new Pending(translator, List.copyOf(sentences), options, System.nanoTime());
    lock.lock();
    try {
      if (closing) {
        throw QueueFullException.closing();
      }
      if (queuedSentences + p.sentences.size() > maxQueuedSentences) {
        throw QueueFullException.full(queuedSentences, p.sentences.size(), maxQueuedSentences);
      }
      queue.addLast(p);
      queuedSentences += p.sentences.size();
      listener.queueLength(queuedSentences);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return p.result;
  }

  /** @return sentences waiting to be decoded now */
  public int queuedSentences() {
    lock.lock();
    try {
      return queuedSentences;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops accepting requests, decodes everything queued, and stops the workers.
   *
   * @param timeoutMs longest wait for the queue to drain; what is left then fails
   * @return whether everything queued was decoded in time
   */
  public boolean shutdown(long timeoutMs) {
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    boolean drained = true;
    for (Thread t : workers) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      drained &= !t.isAlive();
    }
    if (!drained) {
      lock.lock();
      try {
        for (Pending p : queue) {
          p.result.completeExceptionally(QueueFullException.closing());
        }
        queue.clear();
        queuedSentences = 0;
      } finally {
        lock.unlock();
      }
    }
    return drained;
  }

  /** Shuts down, waiting up to 30 s for queued work. */
  @Override
  public void close() {
    shutdown(30_000);
  }

  private void work() {
    while (true) {
      List<Pending> batch;
      try {
        batch = nextBatch();
      } catch (InterruptedException e) {
        return;
      }
      if (batch == null) {
        return;
      }
      decode(batch);
    }
  }

  /** Waits for a batch to fill or its oldest request's delay to pass; null once closed and empty. */
  private List<Pending> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        Pending first = queue.peekFirst();
        if (first == null) {
          if (closing) {
            return null;
          }
          changed.await();
          continue;
        }
        // the delay runs from the oldest arrival or from the end of the last batch, whichever is
        // later: the clients answered by that batch get the chance to join the next one, so that
        // closed-loop clients merge into full batches instead of settling into alternating halves
        long since = Math.max(first.enqueuedNanos, lastBatchEndNanos);
        long wait = since + maxDelayNanos - System.nanoTime();
        if (closing || wait <= 0 || compatibleSentences(first) >= maxBatchSize) {
          return take(first);
        }
        changed.awaitNanos(wait);
      }
    } finally {
      lock.unlock();
    }
  }

  private int compatibleSentences(Pending first) {
    int n = 0;
    for (Pending p : queue) {
      if (p.canShareWith(first)) {
        n += p.sentences.size();
        if (n >= maxBatchSize) {
          break;
        }
      }
    }
    return n;
  }

  /** Removes the first request and those after it that share its batch and fit; under the lock. */
  private List<Pending> take(Pending first) {
    List<Pending> batch = new ArrayList<>();
    int sentences = 0;
    for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p != first && !p.canShareWith(first)) {
        continue;
      }
      if (p != first && sentences + p.sentences.size() > maxBatchSize) {
        break;
      }
      it.remove();
      batch.add(p);
      sentences += p.sentences.size();
    }
    queuedSentences -= sentences;
    listener.queueLength(queuedSentences);
    return batch;
  }

  private void decode(List<Pending> batch) {
    Pending first = batch.get(0);
    List<String> sentences = new ArrayList<>();
    for (Pending p : batch) {
      sentences.addAll(p.sentences);
    }
    DecodingOptions options = first.options.withBatchSize(maxBatchSize);
    long start = System.nanoTime();
    List<List<Translation>> out;
    try {
      out = first.translator.translateSamples(sentences, options);
    } catch (RuntimeException | Error e) {
      for (Pending p : batch) {
        p.result.completeExceptionally(e);
      }
      return;
    }
    long end = System.nanoTime();
    lock.lock();
    try {
      lastBatchEndNanos = end;
    } finally {
      lock.unlock();
    }
    listener.batchDecoded(sentences.size(), batch.size(), end - start);
    int from = 0;
    for (Pending p : batch) {
      p.result.complete(List.copyOf(out.subList(from, from + p.sentences.size())));
      from += p.sentences.size();
    }
  }

  /** One queued request. */
  private static final class Pending {
    final Translator translator;
    final List<String> sentences;
    final DecodingOptions options;
    final long enqueuedNanos;
    final CompletableFuture<List<List<Translation>>> result = new CompletableFuture<>();

    Pending(Translator translator, List<String> sentences, DecodingOptions options, long enqueuedNanos) {
      this.translator = translator;
      this.sentences = sentences;
      this.options = options;
      this.enqueuedNanos = enqueuedNanos;
    }

    /** Greedy requests of the same translator and options; a sampled one only with itself. */
    boolean canShareWith(Pending other) {
      return this == other
          || (translator == other.translator
              && options.method() == DecodingOptions.Method.GREEDY
              && options.equals(other.options));
    }
  }
}
