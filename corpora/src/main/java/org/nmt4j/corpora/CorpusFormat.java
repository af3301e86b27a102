package org.nmt4j.corpora;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats a parallel corpus can come in. Any of them may be gzip-compressed. */
public enum CorpusFormat {
  /** Two plain-text files, one sentence per line, line N of one translating line N of the other. */
  ALIGNED,
  /** One file of {@code source<TAB>target} lines (columns configurable). */
  TSV,
  /** A TMX 1.4 translation memory; the two languages are chosen by code. */
  TMX;

  /** The lower-case name used on the command line ({@code aligned}, {@code tsv}, {@code tmx}). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param name a format name, case-insensitive
   * @return the format
   * @throws IllegalArgumentException naming the valid values
   */
  public static CorpusFormat fromName(String name) {
    for (CorpusFormat f : values()) {
      if (f.cliName().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "corpus format must be one of "
            + Arrays.stream(values()).map(CorpusFormat::cliName).collect(Collectors.joining(", "))
            + ", got '"
            + name
            + "'");
  }
}
