package org.nmt4j.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.BlockSeries;

/**
 * Which positions of a padded, time-major batch are real: position (t, b) is real exactly when
 * {@code t < length[b]}.
 *
 * <p>For each step the recurrent layers compute only the rows {@code [0, span(t))} (every row
 * beyond holds padding and is carried over unchanged). When the batch is sorted by length,
 * longest first, the real rows of every step are exactly that prefix ({@link #prefix(int)}) and
 * no masking is needed at all, as with PyTorch's packed sequences; otherwise the layers blend
 * with the 0/1 column {@link #mask(int)}.
 */
public final class Padding {
  private final int time;
  private final int[] lengths;
  private final int[] active;
  private final int[] span;
  private final DataType dataType;
  private BlockSeries masks;

  private Padding(int[] lengths, int time, DataType dataType) {
    this.time = time;
    this.lengths = lengths.clone();
    this.dataType = dataType;
    this.active = new int[time];
    this.span = new int[time];
    for (int b = 0; b < lengths.length; b++) {
      int len = lengths[b];
      if (len < 0 || len > time) {
        throw new IllegalArgumentException(
            "row " + b + " has length " + len + ", outside [0, " + time + "]");
      }
      for (int t = 0; t < len; t++) {
        active[t]++;
        span[t] = b + 1;
      }
    }
  }

  /**
   * @param lengths [batch] real length of each row, each in [0, time]
   * @param time the padded width
   * @param dataType the type of the mask columns (that of the computation)
   */
  public static Padding of(int[] lengths, int time, DataType dataType) {
    if (lengths.length == 0) {
      throw new IllegalArgumentException("a batch needs at least one row");
    }
    return new Padding(lengths, time, dataType);
  }

  /** Padded width. */
  public int time() {
    return time;
  }

  /** Number of rows. */
  public int batch() {
    return lengths.length;
  }

  /** Real length of row {@code b}. */
  public int length(int b) {
    return lengths[b];
  }

  /** A copy of all lengths. */
  public int[] lengths() {
    return lengths.clone();
  }

  /** Number of real rows at step {@code t}. */
  public int active(int t) {
    return active[t];
  }

  /** One past the last real row at step {@code t} (0 when none is real). */
  public int span(int t) {
    return span[t];
  }

  /** Whether the real rows at step {@code t} are exactly {@code [0, span(t))}. */
  public boolean prefix(int t) {
    return active[t] == span[t];
  }

  /** Total number of real positions. */
  public long realPositions() {
    long n = 0;
    for (int len : lengths) {
      n += len;
    }
    return n;
  }

  /** The 0/1 column [span(t), 1] of step {@code t}: 1 where the row is real. */
  public INDArray mask(int t) {
    if (masks == null) {
      int batch = lengths.length;
      INDArray buffer = Nd4j.create(dataType, (long) time * batch);
      double[] values = new double[time * batch];
      for (int t2 = 0; t2 < time; t2++) {
        for (int b = 0; b < batch; b++) {
          values[t2 * batch + b] = t2 < lengths[b] ? 1 : 0;
        }
      }
      buffer.assign(Nd4j.createFromArray(values).castTo(dataType));
      masks = new BlockSeries(buffer, 0, time, batch, 1);
    }
    return masks.head(t, span[t]);
  }

  /**
   * A stable order of rows by length, longest first: {@code order[i]} is the row placed at
   * position i. Sorting a batch this way makes every step a {@link #prefix(int)}.
   */
  public static int[] longestFirst(int[] lengths) {
    Integer[] idx = new Integer[lengths.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Integer.compare(lengths[b], lengths[a]));
    int[] order = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      order[i] = idx[i];
    }
    return order;
  }
}
