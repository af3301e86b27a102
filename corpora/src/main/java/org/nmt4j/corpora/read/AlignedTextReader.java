package org.nmt4j.corpora.read;

import org.nmt4j.tokenization.io.Utf8LineReader;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.nmt4j.corpora.CorpusException;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;

/**
 * Reads two line-aligned plain-text files: line N of the source file translates line N of the
 * target file. Either file may be gzip-compressed.
 *
 * <p>When one file ends before the other, the reader counts the rest of the longer one and stops
 * with {@code line counts differ: A has N lines, B has M lines}. Because the reader streams, that
 * happens after the pairs of the common part were returned.
 */
public final class AlignedTextReader implements ParallelCorpusReader {

  private final Utf8LineReader source;
  private final Utf8LineReader target;
  private SentencePair pending;
  private boolean done;

  /**
   * Opens both files.
   *
   * @param sourceFile the source-language file
   * @param targetFile the target-language file
   */
  public AlignedTextReader(Path sourceFile, Path targetFile) {
    this.source = Utf8LineReader.open(sourceFile);
    Utf8LineReader t;
    try {
      t = Utf8LineReader.open(targetFile);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    this.target = t;
  }

  @Override
  public boolean hasNext() {
    if (pending != null) {
      return true;
    }
    if (done) {
      return false;
    }
    String s = source.readLine();
    String t = target.readLine();
    if (s == null && t == null) {
      done = true;
      close();
      return false;
    }
    if (s == null || t == null) {
      done = true;
      long sourceLines = s == null ? source.lineNumber() : source.countToEnd();
      long targetLines = t == null ? target.lineNumber() : target.countToEnd();
      close();
      throw new CorpusException(
          "line counts differ: "
              + source.file()
              + " has "
              + sourceLines
              + " lines, "
              + target.file()
              + " has "
              + targetLines
              + " lines");
    }
    pending = new SentencePair(s, t, source.file(), source.lineNumber());
    return true;
  }

  @Override
  public SentencePair next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SentencePair p = pending;
    pending = null;
    return p;
  }

  @Override
  public void close() {
    source.close();
    target.close();
  }
}
