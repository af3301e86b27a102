package org.nmt4j.corpora;

import java.io.Closeable;
import java.util.Iterator;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream of sentence pairs read from files, one pair at a time (a file is never loaded whole).
 *
 * <p>{@link #hasNext()} and {@link #next()} throw {@link CorpusException} (one-line message with
 * {@code file:line}) as soon as the input is found to be wrong; some checks, such as equal line
 * counts of aligned files, can only fail at the end of the input. Close the reader when done,
 * e.g. with try-with-resources. Not thread-safe.
 */
public interface ParallelCorpusReader extends Iterator<SentencePair>, Closeable {

  /**
   * Units of the input that were read but did not give a pair, by reason, e.g. TMX translation
   * units that lack one of the two languages. They count as drops in a {@link CorpusReport}, so
   * that no input disappears without being counted. Empty for most formats.
   *
   * @return counts by reason, in a stable order; a live view or a copy
   */
  default Map<String, Long> skipped() {
    return Map.of();
  }

  /** Closes the underlying files; I/O errors while closing are ignored because reading is over. */
  @Override
  void close();

  /**
   * The remaining pairs as a sequential stream that closes this reader when the stream is closed.
   */
  default Stream<SentencePair> stream() {
    Spliterator<SentencePair> split =
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false).onClose(this::close);
  }
}
