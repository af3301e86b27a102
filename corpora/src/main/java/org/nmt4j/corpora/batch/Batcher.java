package org.nmt4j.corpora.batch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Makes the training batches of an epoch: length-bucketed, shuffled, padded.
 *
 * <p>How (as OpenNMT's bucket pools): the pairs of a {@link PairSource} are read a pool at a time
 * (about {@link BatchConfig#poolFactor()} batches' worth); each pool is sorted by (source length,
 * target length) so that a batch holds sentences of similar lengths and little padding; the pool
 * is cut into batches of {@link BatchConfig#batchSize()} sentences or padded tokens, and the
 * batches of the pool are shuffled. Memory is bounded by one pool, whatever the corpus size.
 *
 * <p>Guarantees: every pair of the source is in exactly one batch per epoch; a token-budget batch
 * has {@code size * max(sourceLength, targetLength) <= batchSize} unless it is a single pair
 * wider than the budget; the batches of epoch {@code e} are a function of (seed, e) and the
 * source's content and order only. {@link #resume} therefore continues an interrupted epoch with
 * exactly the batch that would have come next. The batcher itself holds no state and may be
 * shared; each iterator is for one thread.
 */
public final class Batcher {

  private final BatchConfig config;
  private final PoolPlanner planner;

  /**
   * @param config batch size, unit, pool factor, shuffling and seed
   */
  public Batcher(BatchConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.planner = new PoolPlanner(config.batchSize(), config.unit(), true);
  }

  /** The configuration. */
  public BatchConfig config() {
    return config;
  }

  /**
   * The batches of one epoch from its start.
   *
   * @param source the pairs (opened now, closed with the iterator)
   * @param epoch 0-based epoch number, which selects the shuffle
   */
  public BatchIterator epoch(PairSource source, int epoch) {
    return resume(source, BatchPosition.start(epoch));
  }

  /**
   * The batches of an epoch from a saved position: the first {@code position.batchesDone()}
   * batches are planned but skipped without being built.
   *
   * @param source the same pairs as before the interruption
   * @param position from {@link BatchIterator#position()}
   */
  public BatchIterator resume(PairSource source, BatchPosition position) {
    PoolIterator it = new PoolIterator(source, position.epoch());
    try {
      it.skip(position.batchesDone());
    } catch (RuntimeException e) {
      it.close();
      throw e;
    }
    return it;
  }

  /**
   * Counts the batches of an epoch (one pass over the source, nothing padded), e.g. for a
   * progress bar.
   */
  public long countBatches(PairSource source, int epoch) {
    try (PoolIterator it = new PoolIterator(source, epoch)) {
      return it.skip(Long.MAX_VALUE);
    }
  }

  /** Reads pools lazily and hands out their batches. */
  private final class PoolIterator implements BatchIterator {

    private final Stream<EncodedPair> stream;
    private final Iterator<EncodedPair> pairs;
    private final int epoch;
    private long poolNumber;
    private long done;
    private EncodedPair[] pool;
    private List<int[]> plans = List.of();
    private int next;

    PoolIterator(PairSource source, int epoch) {
      this.epoch = epoch;
      this.stream = source.open(config.shuffle(), Seeds.mix(config.seed(), epoch, -1));
      this.pairs = stream.iterator();
    }

    @Override
    public boolean hasNext() {
      while (next == plans.size()) {
        if (!pairs.hasNext()) {
          pool = null;
          return false;
        }
        loadPool();
      }
      return true;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      done++;
      return BatchAssembler.assemble(pool, plans.get(next++), true);
    }

    /** Skips up to {@code n} batches; returns how many were skipped. */
    long skip(long n) {
      long skipped = 0;
      while (skipped < n && hasNext()) {
        long k = Math.min(n - skipped, plans.size() - next);
        next += (int) k;
        done += k;
        skipped += k;
      }
      return skipped;
    }

    @Override
    public BatchPosition position() {
      return new BatchPosition(epoch, done);
    }

    @Override
    public void close() {
      stream.close();
    }

    private void loadPool() {
      long budget = (long) config.poolFactor() * config.batchSize();
      List<EncodedPair> list = new ArrayList<>();
      long used = 0;
      while (used < budget && list.size() < PoolPlanner.MAX_POOL_PAIRS && pairs.hasNext()) {
        EncodedPair p = pairs.next();
        list.add(p);
        used += planner.cost(p);
      }
      pool = list.toArray(new EncodedPair[0]);
      Random random =
          config.shuffle() ? new Random(Seeds.mix(config.seed(), epoch, poolNumber)) : null;
      poolNumber++;
      plans = planner.plan(pool, random);
      next = 0;
    }
  }
}
