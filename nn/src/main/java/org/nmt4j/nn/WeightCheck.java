package org.nmt4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * Whether live weight arrays still hold the values of their snapshots, for caches derived from
 * weights ({@link TransposedWeights}, the input projection tables): cheap on every call, exact
 * whenever a writer announced a change.
 *
 * <p>How: the check remembers the value of {@link Parameters#valueWrites()} at which it last
 * compared the whole arrays with their snapshots bit for bit. While that count is unchanged,
 * nothing announced a write, and only a sample is compared (16 runs of 64 elements spread over
 * each array: microseconds, against milliseconds for the whole output layer); once it changed
 * (an optimiser step, a checkpoint load, weight averaging), the next check compares everything
 * again. Every in-place writer of parameter values in nmt4j calls {@link
 * Parameters#valuesChanged()}; the sample is a guard against one that does not (a training step
 * changes nearly every weight), not a guarantee.
 *
 * <p>Thread-safe: any number of threads may call {@link #isCurrent()} at once.
 */
public final class WeightCheck {
  private static final int RUNS = 16;
  private static final int RUN_LENGTH = 64;

  private final INDArray[] live;
  private final INDArray[] snapshots;
  /** The write count at which every array last matched its snapshot in full. */
  private volatile long verifiedAt;

  /**
   * @param live the live arrays, each contiguous (offset 0 of its data buffer view)
   * @param snapshots copies of them with the same types and lengths, taken now (the check is
   *     current from here on)
   */
  public WeightCheck(INDArray[] live, INDArray[] snapshots) {
    if (live.length != snapshots.length) {
      throw new IllegalArgumentException(live.length + " arrays but " + snapshots.length
          + " snapshots");
    }
    for (int i = 0; i < live.length; i++) {
      if (live[i].length() != snapshots[i].length()) {
        throw new IllegalArgumentException("array " + i + " has " + live[i].length()
            + " elements, its snapshot " + snapshots[i].length());
      }
    }
    this.live = live.clone();
    this.snapshots = snapshots.clone();
    this.verifiedAt = Parameters.valueWrites();
  }

  /** Whether every live array still equals its snapshot (see the class comment for how sure). */
  public boolean isCurrent() {
    long writes = Parameters.valueWrites();
    if (writes == verifiedAt) {
      return sampleMatches();
    }
    for (int i = 0; i < live.length; i++) {
      if (!NativeMemory.sameBits(live[i], 0, snapshots[i], 0, live[i].length())) {
        return false;
      }
    }
    // read before the comparison: a write announced during it leaves the count above this
    verifiedAt = writes;
    return true;
  }

  private boolean sampleMatches() {
    for (int i = 0; i < live.length; i++) {
      long n = live[i].length();
      if (n <= (long) RUNS * RUN_LENGTH) {
        if (!NativeMemory.sameBits(live[i], 0, snapshots[i], 0, n)) {
          return false;
        }
        continue;
      }
      long last = n - RUN_LENGTH;
      for (int k = 0; k < RUNS; k++) {
        long at = last * k / (RUNS - 1);
        if (!NativeMemory.sameBits(live[i], at, snapshots[i], at, RUN_LENGTH)) {
          return false;
        }
      }
    }
    return true;
  }
}
