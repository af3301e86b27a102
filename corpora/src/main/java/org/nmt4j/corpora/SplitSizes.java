package org.nmt4j.corpora;

/**
 * Numbers of pairs in each part of a split.
 *
 * @param train training pairs
 * @param valid validation pairs
 * @param test test pairs
 */
public record SplitSizes(long train, long valid, long test) {

  /** Checks that no size is negative. */
  public SplitSizes {
    if (train < 0 || valid < 0 || test < 0) {
      throw new IllegalArgumentException(
          "split sizes must be >= 0, got " + train + "/" + valid + "/" + test);
    }
  }

  /** All pairs. */
  public long total() {
    return train + valid + test;
  }

  /** The size of one part. */
  public long of(SplitPart part) {
    return switch (part) {
      case TRAIN -> train;
      case VALID -> valid;
      case TEST -> test;
    };
  }
}
