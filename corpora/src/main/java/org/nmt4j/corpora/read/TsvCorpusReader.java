package org.nmt4j.corpora.read;

import org.nmt4j.tokenization.io.Utf8LineReader;
import java.nio.file.Path;
import org.nmt4j.corpora.CorpusException;
import org.nmt4j.corpora.SentencePair;

/**
 * Reads one tab-separated file with a pair per line, {@code source<TAB>target} by default.
 *
 * <p>The two columns are configurable (1-based, as in {@code cut -f}); other columns are ignored.
 * A line without any tab, or with fewer columns than needed, stops the reader with {@code
 * file:line: ...}; an empty line is such a line too, since it holds no pair. Fields are not
 * unquoted: TSV corpora contain literal quotes.
 */
public final class TsvCorpusReader extends LookaheadReader {

  private final Utf8LineReader lines;
  private final int sourceColumn;
  private final int targetColumn;
  private final int columnsNeeded;

  /**
   * @param file the TSV file (gzip-compressed or not)
   * @param sourceColumn 1-based column of the source sentence
   * @param targetColumn 1-based column of the target sentence, different from the source's
   */
  public TsvCorpusReader(Path file, int sourceColumn, int targetColumn) {
    if (sourceColumn < 1 || targetColumn < 1 || sourceColumn == targetColumn) {
      throw new IllegalArgumentException(
          "TSV columns must be two different numbers >= 1, got "
              + sourceColumn
              + " and "
              + targetColumn);
    }
    this.sourceColumn = sourceColumn;
    this.targetColumn = targetColumn;
    this.columnsNeeded = Math.max(sourceColumn, targetColumn);
    this.lines = Utf8LineReader.open(file);
  }

  /** Reads {@code source<TAB>target} from columns 1 and 2. */
  public TsvCorpusReader(Path file) {
    this(file, 1, 2);
  }

  @Override
  protected SentencePair readPair() {
    String line = lines.readLine();
    if (line == null) {
      return null;
    }
    String source = null;
    String target = null;
    int column = 1;
    int start = 0;
    while (column <= columnsNeeded) {
      int tab = line.indexOf('\t', start);
      int end = tab < 0 ? line.length() : tab;
      if (column == sourceColumn) {
        source = line.substring(start, end);
      } else if (column == targetColumn) {
        target = line.substring(start, end);
      }
      if (tab < 0) {
        break;
      }
      start = tab + 1;
      column++;
    }
    if (source == null || target == null) {
      if (line.indexOf('\t') < 0) {
        throw CorpusException.at(
            lines.file(), lines.lineNumber(), "no tab separator (expected source<TAB>target)");
      }
      throw CorpusException.at(
          lines.file(),
          lines.lineNumber(),
          "only " + column + " tab-separated columns, column " + columnsNeeded + " is needed");
    }
    return new SentencePair(source, target, lines.file(), lines.lineNumber());
  }

  @Override
  public void close() {
    lines.close();
  }
}
