package org.nmt4j.lm.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state a language model carries from one chunk of text to the next (truncated BPTT) or from
 * one sampled token to the next: h (and c for an LSTM) of every layer, each [rows, H]. Values
 * only: no gradient flows into a carried state.
 */
public final class RecurrentState {
  private final INDArray[] h;
  private final INDArray[] c;

  RecurrentState(INDArray[] h, INDArray[] c) {
    this.h = h;
    this.c = c;
  }

  /** Zero state for {@code rows} streams. */
  public static RecurrentState zeros(LmConfig config, DataType type, int rows) {
    int n = config.layers();
    INDArray[] h = new INDArray[n];
    INDArray[] c = config.cell().hasCellState() ? new INDArray[n] : null;
    for (int l = 0; l < n; l++) {
      h[l] = Nd4j.zeros(type, rows, config.hidden());
      if (c != null) {
        c[l] = Nd4j.zeros(type, rows, config.hidden());
      }
    }
    return new RecurrentState(h, c);
  }

  /** h of layer l [rows, H] (live). */
  public INDArray h(int layer) {
    return h[layer];
  }

  /** c of layer l [rows, H] (live), or null without a cell state. */
  public INDArray c(int layer) {
    return c == null ? null : c[layer];
  }

  /** Rows (streams). */
  public int rows() {
    return (int) h[0].size(0);
  }

  /** Sets every value to zero (a new start of the streams). */
  public void reset() {
    for (int l = 0; l < h.length; l++) {
      h[l].assign(0);
      if (c != null) {
        c[l].assign(0);
      }
    }
  }

  /** All values as one row [1, layers * (1 or 2) * rows * H] (h of every layer, then c). */
  public INDArray flat() {
    int parts = h.length * (c == null ? 1 : 2);
    INDArray[] all = new INDArray[parts];
    for (int l = 0; l < h.length; l++) {
      all[l] = h[l].reshape(1, h[l].length());
      if (c != null) {
        all[h.length + l] = c[l].reshape(1, c[l].length());
      }
    }
    return Nd4j.hstack(all);
  }

  /** Length of {@link #flat()}. */
  public long flatLength() {
    return h.length * (c == null ? 1L : 2L) * h[0].length();
  }

  /** Loads values written by {@link #flat()}. */
  public void restore(INDArray flat) {
    if (flat.length() != flatLength()) {
      throw new IllegalArgumentException("carried state has " + flat.length()
          + " values, expected " + flatLength());
    }
    INDArray row = flat.reshape(1, flat.length()).castTo(h[0].dataType());
    long n = h[0].length();
    long off = 0;
    for (int l = 0; l < h.length; l++) {
      h[l].assign(row.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + n)).reshape(h[l].shape()));
      off += n;
    }
    if (c != null) {
      for (int l = 0; l < c.length; l++) {
        c[l].assign(row.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + n)).reshape(c[l].shape()));
        off += n;
      }
    }
  }
}
