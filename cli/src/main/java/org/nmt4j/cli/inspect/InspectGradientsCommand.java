package org.nmt4j.cli.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.cli.train.TrainingPlot;
import org.nmt4j.lm.inspect.ExplodingGradients;
import org.nmt4j.lm.inspect.GradientFlow;
import org.nmt4j.nn.recurrent.CellType;
import org.nmt4j.tokenization.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j inspect gradients}: vanishing gradients through time per cell, and exploding
 * gradients with and without clipping, on one PNG (and a CSV).
 */
@Command(
    name = "gradients",
    mixinStandardHelpOptions = true,
    description = {
      "Plot the gradient flow through time and the effect of clipping.",
      "Plots ||dL/dh_t|| for every step t of a long sequence (loss at the last step) for random"
          + " layers of each cell (log scale), and the global gradient norm per step of a short"
          + " training run of a large-init vanilla RNN with and without clipping."
    })
public final class InspectGradientsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cell", split = ",", defaultValue = "rnn,lstm,gru", paramLabel = "CELL",
      description = "Cells to compare (default: ${DEFAULT-VALUE}).")
  List<String> cells;

  @Option(names = "--length", defaultValue = "100", paramLabel = "T", description = "Sequence length (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--hidden", defaultValue = "32", description = "Hidden width (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--init", defaultValue = "uniform", paramLabel = "uniform|identity",
      description = "Weights uniform in +-1/sqrt(H), or the same with identity recurrent weights (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--forget-bias", defaultValue = "1", description = "LSTM forget / GRU update gate bias (default: ${DEFAULT-VALUE}).")
  double keepBias;

  @Option(names = "--clip", defaultValue = "1", description = "Clipping norm of the clipped run (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--steps", defaultValue = "60", description = "Training steps of the clipping runs (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "PNG to write.")
  Path output;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the numbers as CSV.")
  Path csv;

  @Override
  public Integer call() throws Exception {
    var cl = spec.commandLine();
    FlagValues.require(cl, length >= 2 && length <= 10_000, "--length must be in [2, 10000], got " + length);
    FlagValues.require(cl, hidden >= 1 && hidden <= 1024, "--hidden must be in [1, 1024], got " + hidden);
    FlagValues.require(cl, steps >= 1 && steps <= 10_000, "--steps must be in [1, 10000], got " + steps);
    FlagValues.require(cl, clip > 0 && Double.isFinite(clip), "--clip must be > 0, got " + clip);
    GradientFlow.Init scheme = FlagValues.check(cl, () -> GradientFlow.Init.of(init));
    List<CellType> types = new ArrayList<>();
    for (String c : cells) {
      types.add(FlagValues.check(cl, () -> CellType.of("--cell", c.trim())));
    }
    OutputPaths paths = OutputPaths.of(cl);
    if (csv != null) {
      paths.requireDistinct("--csv", output);
    }
    Map<String, double[]> flow = new LinkedHashMap<>();
    for (CellType t : types) {
      flow.put(t.id(), GradientFlow.norms(t, scheme, length, hidden, 8, keepBias, seed));
    }
    ExplodingGradients.Run free = ExplodingGradients.train(0, steps, 50, 0.4, 1.0, seed);
    ExplodingGradients.Run clipped = ExplodingGradients.train(clip, steps, 50, 0.4, 1.0, seed);

    XYChart top = new XYChartBuilder().width(900).height(480)
        .title("Gradient flow: ||dL/dh_t||, loss at t = " + length + " (" + init + " init, H = "
            + hidden + ")")
        .xAxisTitle("time step t").yAxisTitle("||dL/dh_t|| (log scale)").build();
    style(top);
    for (Map.Entry<String, double[]> e : flow.entrySet()) {
      series(top, e.getKey(), e.getValue(), 1);
    }
    XYChart bottom = new XYChartBuilder().width(900).height(360)
        .title("Exploding gradients: vanilla RNN, weights uniform +-0.4, T = 50, SGD lr 1")
        .xAxisTitle("training step").yAxisTitle("global gradient norm (log scale)").build();
    style(bottom);
    series(bottom, String.format(Locale.ROOT, "no clipping (final loss %.2f)", last(free.losses())),
        free.gradientNorms(), 1);
    series(bottom, String.format(Locale.ROOT, "clipped at %.3g (final loss %.2f)", clip,
        last(clipped.losses())), clipped.gradientNorms(), 1);
    AtomicFiles.write(output, TrainingPlot.stacked(top, bottom));
    if (csv != null) {
      StringBuilder sb = new StringBuilder("panel,series,x,value\n");
      for (Map.Entry<String, double[]> e : flow.entrySet()) {
        rows(sb, "flow", e.getKey(), e.getValue());
      }
      rows(sb, "grad_norm", "no_clipping", free.gradientNorms());
      rows(sb, "grad_norm", "clipped", clipped.gradientNorms());
      rows(sb, "loss", "no_clipping", free.losses());
      rows(sb, "loss", "clipped", clipped.losses());
      AtomicFiles.writeString(csv, sb.toString());
    }
    var out = cl.getOut();
    for (Map.Entry<String, double[]> e : flow.entrySet()) {
      double[] v = e.getValue();
      out.printf(Locale.ROOT, "%-5s ||dL/dh_1|| = %.3e  ||dL/dh_%d|| = %.3e%n", e.getKey(), v[0],
          length / 2, v[length / 2 - 1]);
    }
    out.printf(Locale.ROOT, "clipping: first norm %.1f; final loss %.3f without, %.3f with clipping at %.3g%n",
        free.gradientNorms()[0], last(free.losses()), last(clipped.losses()), clip);
    out.printf(Locale.ROOT, "wrote %s%s%n", output, csv == null ? "" : " and " + csv);
    out.flush();
    return 0;
  }

  private static double last(double[] a) {
    double s = 0;
    int n = Math.min(10, a.length);
    for (int i = a.length - n; i < a.length; i++) {
      s += a[i];
    }
    return s / n;
  }

  private static void style(XYChart c) {
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
  }

  /** Adds the finite, positive points (x from x0). */
  private static void series(XYChart c, String name, double[] v, int x0) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (Double.isFinite(v[i]) && v[i] > 0) {
        xs.add((double) (i + x0));
        ys.add(v[i]);
      }
    }
    if (!xs.isEmpty()) {
      c.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }
  }

  private static void rows(StringBuilder sb, String panel, String series, double[] v) {
    for (int i = 0; i < v.length; i++) {
      sb.append(panel).append(',').append(series).append(',').append(i + 1).append(',')
          .append(v[i]).append('\n');
    }
  }

  static {
    System.setProperty("java.awt.headless", "true");
  }

}
