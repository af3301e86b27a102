package org.nmt4j.corpora;

import org.nmt4j.corpora.read.AlignedTextReader;
import org.nmt4j.corpora.read.TmxCorpusReader;
import org.nmt4j.corpora.read.TsvCorpusReader;

/** Picks and opens the reader for a {@link CorpusSpec}. */
public final class CorpusReaders {

  private CorpusReaders() {}

  /**
   * Opens a corpus.
   *
   * @param spec what to read
   * @return a streaming reader; the caller closes it
   * @throws CorpusException if a file cannot be opened
   */
  public static ParallelCorpusReader open(CorpusSpec spec) {
    return switch (spec.format()) {
      case ALIGNED -> new AlignedTextReader(spec.file(), spec.targetFile());
      case TSV -> new TsvCorpusReader(spec.file(), spec.sourceColumn(), spec.targetColumn());
      case TMX -> new TmxCorpusReader(spec.file(), spec.sourceLanguage(), spec.targetLanguage());
    };
  }
}
