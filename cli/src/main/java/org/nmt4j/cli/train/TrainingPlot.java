package org.nmt4j.cli.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.run.TrainingCsvLog;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;

/**
 * A PNG plot of training and validation perplexity against steps (XChart, log-scale y axis),
 * with validation BLEU in a second panel below when BLEU is the validation metric; rewritten
 * atomically at each validation and at the end. Training perplexity is averaged over buckets of
 * steps so that long runs stay readable. A resumed run starts from the CSV log's history.
 */
public final class TrainingPlot implements TrainingListener {
  /** The plot's file name in the output directory. */
  public static final String FILE = "training-curves.png";

  private static final int BUCKET = 10;

  private final Path file;
  private final Path csvLog;
  private final List<Double> trainSteps = new ArrayList<>();
  private final List<Double> trainPpl = new ArrayList<>();
  private final List<Double> validSteps = new ArrayList<>();
  private final List<Double> validPpl = new ArrayList<>();
  private final List<Double> bleuSteps = new ArrayList<>();
  private final List<Double> bleu = new ArrayList<>();
  private double bucketLoss;
  private int bucketCount;
  private long bucketLastStep;

  /**
   * @param file the PNG to write
   * @param csvLog the CSV log whose history a resumed run plots
   */
  public TrainingPlot(Path file, Path csvLog) {
    this.file = file;
    this.csvLog = csvLog;
    System.setProperty("java.awt.headless", "true");
  }

  @Override
  public void onStart(TrainingStart start) {
    if (!start.resumed() || !Files.exists(csvLog)) {
      return;
    }
    try {
      for (TrainingCsvLog.Row r : TrainingCsvLog.read(csvLog)) {
        if (r.step() > start.resumedFromStep()) {
          continue;
        }
        if (r.type().equals("valid")) {
          validSteps.add((double) r.step());
          validPpl.add(r.ppl());
          if (!Double.isNaN(r.bleu())) {
            bleuSteps.add((double) r.step());
            bleu.add(r.bleu());
          }
        } else {
          addTrain(r.step(), Math.log(r.ppl()));
        }
      }
    } catch (RuntimeException e) {
      // without history the plot shows this session only
    }
  }

  @Override
  public void onStep(StepStats s) {
    addTrain(s.step(), s.loss());
  }

  private void addTrain(long step, double loss) {
    bucketLoss += loss;
    bucketCount++;
    bucketLastStep = step;
    if (bucketCount == BUCKET) {
      closeBucket();
    }
  }

  private void closeBucket() {
    if (bucketCount > 0) {
      trainSteps.add((double) bucketLastStep);
      trainPpl.add(Math.exp(bucketLoss / bucketCount));
      bucketLoss = 0;
      bucketCount = 0;
    }
  }

  @Override
  public void onValidation(ValidationResult r) {
    validSteps.add((double) r.step());
    validPpl.add(r.perplexity());
    if (r.metric().equals("bleu")) {
      bleuSteps.add((double) r.step());
      bleu.add(r.value());
    }
    render(false);
  }

  @Override
  public void onFinish(TrainingResult result) {
    render(true);
  }

  /**
   * Draws the curves; the last, partial bucket is drawn only at the end. The plot is a report:
   * points that cannot be drawn (a perplexity that overflowed to infinity, NaN, or 0 on the log
   * axis) are left out, and a charting failure never stops training.
   */
  void render(boolean last) {
    try {
      draw(last);
    } catch (RuntimeException e) {
      // e.g. the charting library refusing data: the previous plot stays
    }
  }

  private void draw(boolean last) {
    List<Double> ts = new ArrayList<>();
    List<Double> tp = new ArrayList<>();
    drawable(trainSteps, trainPpl, ts, tp);
    if (last && bucketCount > 0) {
      drawable(List.of((double) bucketLastStep), List.of(Math.exp(bucketLoss / bucketCount)),
          ts, tp);
    }
    List<Double> vs = new ArrayList<>();
    List<Double> vp = new ArrayList<>();
    drawable(validSteps, validPpl, vs, vp);
    List<Double> bs = new ArrayList<>();
    List<Double> bv = new ArrayList<>();
    drawable(bleuSteps, bleu, bs, bv, false);
    if (ts.isEmpty() && vs.isEmpty()) {
      return;
    }
    XYChart chart = new XYChartBuilder().width(900).height(540)
        .title("nmt4j training").xAxisTitle("step").yAxisTitle("perplexity (log scale)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    if (!ts.isEmpty()) {
      XYSeries s = chart.addSeries("training (mean of " + BUCKET + " steps)", ts, tp);
      s.setMarker(SeriesMarkers.NONE);
    }
    if (!vs.isEmpty()) {
      XYSeries s = chart.addSeries("validation", vs, vp);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    try {
      byte[] png;
      if (bv.isEmpty()) {
        png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      } else {
        XYChart bleuChart = new XYChartBuilder().width(900).height(300)
            .title("validation BLEU").xAxisTitle("step").yAxisTitle("BLEU").build();
        bleuChart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        bleuChart.getStyler().setLegendVisible(false);
        bleuChart.addSeries("validation BLEU", bs, bv).setMarker(SeriesMarkers.CIRCLE);
        png = stacked(chart, bleuChart);
      }
      AtomicFiles.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the plot: " + e.getMessage(), e);
    }
  }

  /** Copies the points whose value is finite and positive (drawable on a log axis). */
  private static void drawable(List<Double> xs, List<Double> ys, List<Double> toX,
      List<Double> toY) {
    drawable(xs, ys, toX, toY, true);
  }

  /** Copies the points whose value is finite (and positive when {@code positive}). */
  private static void drawable(List<Double> xs, List<Double> ys, List<Double> toX,
      List<Double> toY, boolean positive) {
    for (int i = 0; i < xs.size(); i++) {
      double y = ys.get(i);
      if (Double.isFinite(y) && (y > 0 || !positive)) {
        toX.add(xs.get(i));
        toY.add(y);
      }
    }
  }

  /** Both charts in one PNG, the first above the second. */
  public static byte[] stacked(XYChart top, XYChart bottom) throws IOException {
    java.awt.image.BufferedImage a = BitmapEncoder.getBufferedImage(top);
    java.awt.image.BufferedImage b = BitmapEncoder.getBufferedImage(bottom);
    java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(
        Math.max(a.getWidth(), b.getWidth()), a.getHeight() + b.getHeight(),
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = both.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, both.getWidth(), both.getHeight());
      g.drawImage(a, 0, 0, null);
      g.drawImage(b, 0, a.getHeight(), null);
    } finally {
      g.dispose();
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(both, "png", out);
    return out.toByteArray();
  }
}
