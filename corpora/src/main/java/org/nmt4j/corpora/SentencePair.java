package org.nmt4j.corpora;

import java.util.Objects;

/**
 * One source sentence and its translation, with where it came from.
 *
 * @param source the source sentence, as read (not tokenized, never null)
 * @param target the target sentence, as read (not tokenized, never null)
 * @param file the file it was read from, as the user named it (for aligned text files: the
 *     source file)
 * @param line 1-based line number in that file (for TMX: the line of the {@code <tu>} element)
 */
public record SentencePair(String source, String target, String file, long line) {

  /** Checks that no field is null and that the line number is positive. */
  public SentencePair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, got " + line);
    }
  }

  /** Where the pair came from, as {@code file:line}, for messages. */
  public String origin() {
    return file + ":" + line;
  }
}
