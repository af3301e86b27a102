package org.nmt4j.corpora.batch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Makes source-only batches for translation: sentences of similar length are batched together to
 * save padding, and each batch keeps the input positions ({@link SourceBatch#indices()}) so that
 * translations can be put back in input order.
 *
 * <p>Inputs are taken a pool at a time ({@code poolFactor} batches' worth), sorted by length
 * inside the pool, and cut into batches; pools follow each other in input order and a pool's
 * batches cover exactly its input positions, so a caller can write all results of a pool before
 * reading the next, and memory stays bounded on long inputs. Deterministic: no randomness is
 * involved.
 */
public final class SourceBatcher {

  private final int batchSize;
  private final BatchUnit unit;
  private final int poolFactor;
  private final PoolPlanner planner;

  /**
   * @param batchSize sentences, or padded source tokens, per batch; at least 1
   * @param unit what {@code batchSize} counts
   * @param poolFactor batches' worth of input sorted together; at least 1
   */
  public SourceBatcher(int batchSize, BatchUnit unit, int poolFactor) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }
    if (poolFactor < 1) {
      throw new IllegalArgumentException("--pool-factor must be >= 1, got " + poolFactor);
    }
    this.batchSize = batchSize;
    this.unit = Objects.requireNonNull(unit, "unit");
    this.poolFactor = poolFactor;
    this.planner = new PoolPlanner(batchSize, unit, false);
  }

  /** Batches of {@code batchSize} sentences, with pools of {@value BatchConfig#DEFAULT_POOL_FACTOR}. */
  public SourceBatcher(int batchSize) {
    this(batchSize, BatchUnit.SENTENCES, BatchConfig.DEFAULT_POOL_FACTOR);
  }

  /**
   * Batches a stream of encoded source sentences (without {@code </s>}, which is added); their
   * positions 0, 1, 2, ... become the batch indices.
   *
   * @param sources [sentences][tokens] source ids in input order
   * @return the batches, pool by pool, lazily
   */
  public Iterator<SourceBatch> batches(Iterator<int[]> sources) {
    return new Iterator<>() {
      private long index;
      private EncodedPair[] pool;
      private List<int[]> plans = List.of();
      private int next;

      @Override
      public boolean hasNext() {
        while (next == plans.size()) {
          if (!sources.hasNext()) {
            return false;
          }
          long budget = (long) poolFactor * batchSize;
          List<EncodedPair> list = new ArrayList<>();
          long used = 0;
          while (used < budget && list.size() < PoolPlanner.MAX_POOL_PAIRS && sources.hasNext()) {
            EncodedPair p = EncodedPair.sourceOnly(sources.next(), index++);
            list.add(p);
            used += planner.cost(p);
          }
          pool = list.toArray(new EncodedPair[0]);
          plans = planner.plan(pool, null);
          next = 0;
        }
        return true;
      }

      @Override
      public SourceBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return SourceBatch.of(BatchAssembler.assemble(pool, plans.get(next++), false));
      }
    };
  }

  /**
   * Batches a list of encoded source sentences.
   *
   * @param sources [sentences][tokens] source ids; position {@code i} becomes index {@code i}
   * @return all batches
   */
  public List<SourceBatch> batches(List<int[]> sources) {
    List<SourceBatch> out = new ArrayList<>();
    batches(sources.iterator()).forEachRemaining(out::add);
    return out;
  }
}
