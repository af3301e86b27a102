package org.nmt4j.translator.train;

/**
 * The dropout seed of each training step, a pure function of (run seed, step), so that no random
 * generator state has to be saved: a run resumed at step k draws exactly the masks an
 * uninterrupted run draws.
 */
public final class DropoutSeeds {
  private DropoutSeeds() {}

  /**
   * @param seed the run's seed
   * @param step 1-based number of the step about to be taken
   * @return a well-mixed seed (SplitMix64 finaliser over both parts)
   */
  public static long forStep(long seed, long step) {
    return mix(mix(seed ^ 0x5DEECE66DL) ^ step);
  }

  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
