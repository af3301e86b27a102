package org.nmt4j.corpora.batch;

import java.util.Locale;

/** What a batch size counts. */
public enum BatchUnit {
  /** Sentence pairs per batch. */
  SENTENCES,
  /**
   * Padded tokens per batch: rows times the wider of the padded source and target widths
   * (special tokens included), which bounds the memory of a batch.
   */
  TOKENS;

  /**
   * @param name {@code sentences} or {@code tokens}, case-insensitive
   * @throws IllegalArgumentException naming the valid values
   */
  public static BatchUnit fromName(String name) {
    for (BatchUnit u : values()) {
      if (u.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return u;
      }
    }
    throw new IllegalArgumentException(
        "--batch-type must be one of sentences, tokens, got '" + name + "'");
  }

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
