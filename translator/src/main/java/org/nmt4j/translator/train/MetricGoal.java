package org.nmt4j.translator.train;

import java.util.Map;

/** Whether a validation metric improves by going down (perplexity) or up (BLEU). */
public enum MetricGoal {
  /** Lower is better, e.g. perplexity. */
  MINIMISE,
  /** Higher is better, e.g. BLEU. */
  MAXIMISE;

  private static final Map<String, MetricGoal> KNOWN = Map.of("ppl", MINIMISE, "bleu", MAXIMISE);

  /** The goal of a metric named in {@code training.valid-metric}. */
  public static MetricGoal of(String metric) {
    MetricGoal g = KNOWN.get(metric);
    if (g == null) {
      throw new IllegalArgumentException(
          "unknown validation metric '" + metric + "', valid values: " + KNOWN.keySet());
    }
    return g;
  }

  /** Whether {@code candidate} is strictly better than {@code best}; NaN is never better. */
  public boolean isBetter(double candidate, double best) {
    if (Double.isNaN(candidate)) {
      return false;
    }
    if (Double.isNaN(best)) {
      return true;
    }
    return this == MINIMISE ? candidate < best : candidate > best;
  }

  /** The value every real metric beats. */
  public double worst() {
    return this == MINIMISE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }
}
