package org.nmt4j.nn;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences against an analytic gradient: the naive reference every
 * hand-written backward pass is tested against (use DOUBLE arrays).
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * Outcome of one check.
   *
   * @param name what was checked
   * @param checked number of coordinates compared
   * @param maxRelativeError largest |a - n| / max(|a|, |n|) over compared coordinates whose
   *     difference is above the absolute noise floor
   * @param worstIndex linear index of that coordinate (-1 if none)
   * @param analytic the analytic value there
   * @param numeric the finite-difference value there
   * @param maxAbsoluteError largest |a - n| over all compared coordinates
   * @param maxRelativeErrorUnfloored largest |a - n| / max(|a|, |n|) over the coordinates with
   *     max(|a|, |n|) >= 1e-6, ignoring the noise floor (for reporting)
   */
  public record Result(String name, int checked, double maxRelativeError, long worstIndex,
      double analytic, double numeric, double maxAbsoluteError, double maxRelativeErrorUnfloored) {
    @Override
    public String toString() {
      return String.format("%s: %d coords, max rel err %.3e (at %d: analytic %.6e, numeric %.6e),"
              + " max abs err %.3e, unfloored rel err %.3e",
          name, checked, maxRelativeError, worstIndex, analytic, numeric, maxAbsoluteError,
          maxRelativeErrorUnfloored);
    }
  }

  /**
   * Compares {@code analytic} with the fourth-order central difference
   * (8 (L(x+e) - L(x-e)) - (L(x+2e) - L(x-2e))) / 12e, coordinate by coordinate. {@code x} is
   * restored afterwards.
   *
   * @param x the variable (any shape, views allowed), perturbed in place
   * @param analytic dLoss/dx, same shape
   * @param loss evaluates the loss with the current x
   * @param eps perturbation
   * @param maxCoordinates compare at most this many coordinates (an evenly spread sample when
   *     x is larger; all when it is not)
   * @param absoluteFloor differences below this are numerical noise, not errors
   */
  public static Result check(String name, INDArray x, INDArray analytic, DoubleSupplier loss,
      double eps, int maxCoordinates, double absoluteFloor) {
    long n = x.length();
    if (analytic.length() != n) {
      throw new IllegalArgumentException(name + ": gradient has " + analytic.length()
          + " elements, variable " + n);
    }
    long stride = Math.max(1, (n + maxCoordinates - 1) / maxCoordinates);
    double worst = 0;
    long worstIndex = -1;
    double worstA = 0;
    double worstN = 0;
    int checked = 0;
    double worstAbs = 0;
    double worstRaw = 0;
    for (long i = (n > maxCoordinates ? (stride / 2) : 0); i < n; i += stride) {
      double old = x.getDouble(i);
      double p1 = at(x, i, old + eps, loss);
      double m1 = at(x, i, old - eps, loss);
      double p2 = at(x, i, old + 2 * eps, loss);
      double m2 = at(x, i, old - 2 * eps, loss);
      x.putScalar(i, old);
      // fourth-order central difference: truncation error O(eps^4) instead of O(eps^2)
      double numeric = (8 * (p1 - m1) - (p2 - m2)) / (12 * eps);
      double a = analytic.getDouble(i);
      double diff = Math.abs(a - numeric);
      worstAbs = Math.max(worstAbs, diff);
      double scale = Math.max(Math.abs(a), Math.abs(numeric));
      double rel = diff <= absoluteFloor ? 0 : diff / scale;
      if (scale >= 1e-6) {
        worstRaw = Math.max(worstRaw, diff / scale);
      }
      checked++;
      if (rel > worst || worstIndex < 0) {
        worst = Math.max(worst, rel);
        worstIndex = i;
        worstA = a;
        worstN = numeric;
      }
    }
    return new Result(name, checked, worst, worstIndex, worstA, worstN, worstAbs, worstRaw);
  }

  private static double at(INDArray x, long i, double value, DoubleSupplier loss) {
    x.putScalar(i, value);
    return loss.getAsDouble();
  }
}
