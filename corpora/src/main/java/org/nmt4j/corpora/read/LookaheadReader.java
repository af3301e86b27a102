package org.nmt4j.corpora.read;

import java.util.NoSuchElementException;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;

/**
 * The iteration every streaming corpus reader shares: {@link #hasNext()} reads one pair ahead
 * ({@link #readPair()}), {@link #next()} hands it over, and the reader closes its files as soon
 * as the input ends or a read fails (the failure is thrown on, once; later calls say there is
 * nothing more).
 */
abstract class LookaheadReader implements ParallelCorpusReader {
  private SentencePair pending;
  private boolean done;

  /**
   * Reads the next pair from the input.
   *
   * @return the pair, or null at the end of the input
   * @throws RuntimeException (a {@link org.nmt4j.corpora.CorpusException} naming the file and
   *     line) when the input is malformed; the reader is closed then
   */
  protected abstract SentencePair readPair();

  /**
   * Checks what only the whole input shows, once it has ended and the reader is closed (e.g.
   * that a TMX file had both languages); nothing by default.
   */
  protected void atEnd() {}

  @Override
  public final boolean hasNext() {
    if (pending != null) {
      return true;
    }
    if (done) {
      return false;
    }
    try {
      pending = readPair();
    } catch (RuntimeException e) {
      done = true;
      close();
      throw e;
    }
    if (pending == null) {
      done = true;
      close();
      atEnd();
      return false;
    }
    return true;
  }

  @Override
  public final SentencePair next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SentencePair p = pending;
    pending = null;
    return p;
  }
}
