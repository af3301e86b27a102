package org.nmt4j.corpora;

/** The three parts of a split; {@link #stem()} is the file name stem ({@code train}, ...). */
public enum SplitPart {
  /** Training data. */
  TRAIN("train"),
  /** Validation data (early stopping, model selection). */
  VALID("valid"),
  /** Held-out test data. */
  TEST("test");

  private final String stem;

  SplitPart(String stem) {
    this.stem = stem;
  }

  /** The file name stem: {@code train}, {@code valid} or {@code test}. */
  public String stem() {
    return stem;
  }
}
