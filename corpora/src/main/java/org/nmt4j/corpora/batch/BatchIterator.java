package org.nmt4j.corpora.batch;

import java.util.Iterator;

/**
 * The batches of one epoch, read lazily; close it to close the underlying corpus.
 */
public interface BatchIterator extends Iterator<Batch>, AutoCloseable {

  /** The position after the batches returned so far: save it to resume from the next one. */
  BatchPosition position();

  /** Closes the underlying source. */
  @Override
  void close();
}
