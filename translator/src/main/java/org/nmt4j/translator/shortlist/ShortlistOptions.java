package org.nmt4j.translator.shortlist;

/**
 * How a shortlist is built.
 *
 * @param frequent most frequent target tokens listed for every batch (at least 0)
 * @param best most probable translations listed per source token (at least 1)
 * @param iterations IBM Model 1 iterations (at least 1)
 * @param maxLines corpus lines read (at least 1; the first ones)
 */
public record ShortlistOptions(int frequent, int best, int iterations, int maxLines) {
  /** Checks the ranges. */
  public ShortlistOptions {
    if (frequent < 0) {
      throw new IllegalArgumentException("frequent must be >= 0, got " + frequent);
    }
    if (best < 1) {
      throw new IllegalArgumentException("best must be >= 1, got " + best);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (maxLines < 1) {
      throw new IllegalArgumentException("max lines must be >= 1, got " + maxLines);
    }
  }
}
