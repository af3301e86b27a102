package org.nmt4j.spark;

import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.corpora.batch.BatchIterator;
import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.corpora.batch.Batcher;
import org.nmt4j.corpora.batch.PairSource;

/**
 * The batches of one shard, epoch by epoch: the single-machine {@link Batcher} (length-bucketed
 * pools, shuffled by seed and epoch) over the shard's pairs. Batch {@code k} of epoch {@code e}
 * is a function of the shard, the seed and {@code (e, k)} only, so a task retried on another
 * executor, or a resumed run, gets the same batch.
 *
 * <p>Keeps the open iterator between steps, so consecutive steps cost one batch each; any other
 * position is reached by {@link Batcher#resume} (planning, not building, the skipped batches).
 * Used by one task at a time.
 */
final class ShardBatches {
  private final Batcher batcher;
  private final PairSource pairs;
  private BatchIterator open;

  ShardBatches(CorpusShard shard, ShardBatchConfig config) {
    this.batcher = new Batcher(config.forShard(shard.shard()));
    this.pairs = PairSource.of(shard.pairs());
  }

  /** The number of batches of epoch {@code epoch}. */
  long count(int epoch) {
    return batcher.countBatches(pairs, epoch);
  }

  /**
   * Batch {@code position.batchesDone()} of epoch {@code position.epoch()}, or null when the
   * epoch has fewer batches.
   */
  Batch batchAt(BatchPosition position) {
    if (open == null || !open.position().equals(position)) {
      close();
      open = batcher.resume(pairs, position);
    }
    if (!open.hasNext()) {
      return null;
    }
    return open.next();
  }

  void close() {
    if (open != null) {
      open.close();
      open = null;
    }
  }
}
