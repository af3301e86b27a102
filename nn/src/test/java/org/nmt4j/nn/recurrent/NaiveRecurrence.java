package org.nmt4j.nn.recurrent;

/**
 * The textbook equations of the LSTM, GRU and vanilla RNN cells in plain double loops (no ND4J):
 * the reference the optimised {@link RecurrentLayer} is tested against, in this module and (via
 * the test-jar) in the encoder and decoder modules.
 *
 * <p>Layout as in {@link RecurrentLayer}: gates are column blocks of Wx [in][G*H], Wh [H][G*H]
 * and b [G*H]; LSTM gates i, f, g, o; GRU gates r, z, n with bh [G*H] the recurrent bias
 * (PyTorch's b_hh); RNN one block.
 */
public final class NaiveRecurrence {
  private NaiveRecurrence() {}

  /**
   * One cell's weights as plain arrays.
   *
   * @param cell lstm, gru or rnn
   * @param bh the GRU's recurrent bias, null for the others
   */
  public record Weights(String cell, double[][] wx, double[][] wh, double[] b, double[] bh) {
    int hidden() {
      return wh.length;
    }
  }

  /** The state after a step: h, and c for the LSTM (null otherwise). */
  public record State(double[] h, double[] c) {}

  /** One step of the cell from state {@code s} and input x [in]. */
  public static State step(Weights w, State s, double[] x) {
    int h = w.hidden();
    switch (w.cell()) {
      case "lstm": {
        double[] a = affine(w.wx, x, w.b);
        addInto(a, affine(w.wh, s.h(), null));
        double[] c = new double[h];
        double[] hn = new double[h];
        for (int j = 0; j < h; j++) {
          double i = sigmoid(a[j]);
          double f = sigmoid(a[h + j]);
          double g = Math.tanh(a[2 * h + j]);
          double o = sigmoid(a[3 * h + j]);
          c[j] = f * s.c()[j] + i * g;
          hn[j] = o * Math.tanh(c[j]);
        }
        return new State(hn, c);
      }
      case "gru": {
        double[] xi = affine(w.wx, x, w.b);
        double[] hh = affine(w.wh, s.h(), w.bh);
        double[] hn = new double[h];
        for (int j = 0; j < h; j++) {
          double r = sigmoid(xi[j] + hh[j]);
          double z = sigmoid(xi[h + j] + hh[h + j]);
          double n = Math.tanh(xi[2 * h + j] + r * hh[2 * h + j]);
          hn[j] = (1 - z) * n + z * s.h()[j];
        }
        return new State(hn, null);
      }
      case "rnn": {
        double[] a = affine(w.wx, x, w.b);
        addInto(a, affine(w.wh, s.h(), null));
        double[] hn = new double[h];
        for (int j = 0; j < h; j++) {
          hn[j] = Math.tanh(a[j]);
        }
        return new State(hn, null);
      }
      default:
        throw new IllegalArgumentException(w.cell());
    }
  }

  /**
   * Runs a sequence x [T][in] from state {@code s0} (forward, or from the last element back to
   * the first when reversed).
   *
   * @return [T][H] the output h at each position (the final state: {@link #finalState})
   */
  public static double[][] outputs(Weights w, State s0, double[][] x, boolean reversed) {
    double[][] out = new double[x.length][];
    State s = s0;
    for (int k = 0; k < x.length; k++) {
      int t = reversed ? x.length - 1 - k : k;
      s = step(w, s, x[t]);
      out[t] = s.h();
    }
    return out;
  }

  /** The state after the whole sequence (see {@link #outputs}). */
  public static State finalState(Weights w, State s0, double[][] x, boolean reversed) {
    State s = s0;
    for (int k = 0; k < x.length; k++) {
      s = step(w, s, x[reversed ? x.length - 1 - k : k]);
    }
    return s;
  }

  /** v W + b for v [n], W [n][m], b [m] or null. */
  private static double[] affine(double[][] wm, double[] v, double[] b) {
    int m = wm[0].length;
    double[] out = new double[m];
    for (int j = 0; j < m; j++) {
      double sum = b == null ? 0 : b[j];
      for (int i = 0; i < v.length; i++) {
        sum += v[i] * wm[i][j];
      }
      out[j] = sum;
    }
    return out;
  }

  private static void addInto(double[] a, double[] b) {
    for (int j = 0; j < a.length; j++) {
      a[j] += b[j];
    }
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
