package org.nmt4j.corpora.batch;

/**
 * Derives independent seeds from (seed, epoch, pool) so that every pool of every epoch has its
 * own reproducible random stream, whatever was drawn before it; this is what makes a resumed
 * epoch identical to an uninterrupted one.
 */
final class Seeds {

  private Seeds() {}

  /** Mixes the parts with the SplitMix64 finalizer, one part at a time. */
  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = splitMix64(h ^ p);
    }
    return h;
  }

  private static long splitMix64(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
