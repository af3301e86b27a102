package org.nmt4j.lm.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Pearson correlations between cells' activations and text features. */
public final class CellCorrelations {
  private CellCorrelations() {}

  /**
   * A cell and the feature it follows best.
   *
   * @param cell the cell's index in its layer
   * @param feature the feature's name
   * @param r Pearson's r (NaN when either series is constant)
   */
  public record Match(int cell, String feature, double r) {}

  /** Pearson's r of two equally long series (NaN when either is constant). */
  public static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** Each cell's best feature by |r|. */
  public static List<Match> best(CellActivations a, Map<String, double[]> features) {
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < a.cells(); i++) {
      double[] s = a.cell(i);
      Match best = new Match(i, "", Double.NaN);
      for (Map.Entry<String, double[]> f : features.entrySet()) {
        double r = pearson(s, f.getValue());
        if (Double.isFinite(r) && !(Math.abs(r) <= Math.abs(best.r()))) {
          best = new Match(i, f.getKey(), r);
        }
      }
      out.add(best);
    }
    return out;
  }

  /** The {@code n} cells most correlated (by |r|) with any feature, best first. */
  public static List<Match> top(CellActivations a, Map<String, double[]> features, int n) {
    List<Match> all = new ArrayList<>(best(a, features));
    all.removeIf(m -> !Double.isFinite(m.r()));
    all.sort(Comparator.comparingDouble((Match m) -> -Math.abs(m.r())).thenComparingInt(Match::cell));
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }
}
