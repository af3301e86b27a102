package org.nmt4j.server.batch;

/** Told what the {@link DynamicBatcher} does, for metrics. Called from the batcher's threads. */
public interface BatchListener {
  /** @param sentences sentences now waiting in the queue */
  void queueLength(int sentences);

  /**
   * @param sentences sentences decoded together in one batch
   * @param requests requests they came from
   * @param nanos decoding time of the batch
   */
  void batchDecoded(int sentences, int requests, long nanos);

  /** A listener that ignores everything. */
  BatchListener NONE = new BatchListener() {
    @Override
    public void queueLength(int sentences) {}

    @Override
    public void batchDecoded(int sentences, int requests, long nanos) {}
  };
}
