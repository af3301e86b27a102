package org.nmt4j.corpora.read;

import org.nmt4j.tokenization.io.Utf8LineReader;
import java.nio.file.Path;
import org.nmt4j.corpora.CorpusException;
import org.nmt4j.corpora.SentencePair;

/**
 * Reads two line-aligned plain-text files: line N of the source file translates line N of the
 * target file. Either file may be gzip-compressed.
 *
 * <p>When one file ends before the other, the reader counts the rest of the longer one and stops
 * with {@code line counts differ: A has N lines, B has M lines}. Because the reader streams, that
 * happens after the pairs of the common part were returned.
 */
public final class AlignedTextReader extends LookaheadReader {

  private final Utf8LineReader source;
  private final Utf8LineReader target;

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
  protected SentencePair readPair() {
    String s = source.readLine();
    String t = target.readLine();
    if (s == null && t == null) {
      return null;
    }
    if (s == null || t == null) {
      long sourceLines = s == null ? source.lineNumber() : source.countToEnd();
      long targetLines = t == null ? target.lineNumber() : target.countToEnd();
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
    return new SentencePair(s, t, source.file(), source.lineNumber());
  }

  @Override
  public void close() {
    source.close();
    target.close();
  }
}
