package org.nmt4j.corpora;

import java.util.Random;

/**
 * Assigns the pairs of a corpus, in order, to train, valid and test with exact sizes, uniformly
 * at random for a seed, in one pass and constant memory.
 *
 * <p>It is sequential selection sampling (Knuth's Algorithm S, generalised to three parts): pair
 * {@code i} goes to a part with probability (pairs that part still needs) / (pairs left), which
 * makes every split with the given sizes equally likely. Uses {@link java.util.Random}, whose
 * algorithm is fixed by its specification, so a seed gives the same split on every JVM.
 */
public final class SplitAssigner {

  private final Random random;
  private long train;
  private long valid;
  private long test;

  /**
   * @param sizes how many pairs each part gets (their sum is the corpus size)
   * @param seed the random seed
   */
  public SplitAssigner(SplitSizes sizes, long seed) {
    this.random = new Random(seed);
    this.train = sizes.train();
    this.valid = sizes.valid();
    this.test = sizes.test();
  }

  /**
   * The part of the next pair.
   *
   * @throws IllegalStateException if called more often than the sizes add up to
   */
  public SplitPart next() {
    long left = train + valid + test;
    if (left == 0) {
      throw new IllegalStateException("more pairs than the split sizes add up to");
    }
    long r = left <= Integer.MAX_VALUE ? random.nextInt((int) left) : Math.floorMod(random.nextLong(), left);
    if (r < valid) {
      valid--;
      return SplitPart.VALID;
    }
    if (r < valid + test) {
      test--;
      return SplitPart.TEST;
    }
    train--;
    return SplitPart.TRAIN;
  }
}
