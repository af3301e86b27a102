package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;

/** The PNG plot of a training run's curves. */
class TrainingPlotTest {
  private static StepStats step(long s, double loss) {
    return new StepStats(s, 1, loss, Math.exp(loss), 100, 1234.5, 1e-3, 0.5, false, 0);
  }

  private static ValidationResult valid(long s, double loss) {
    return new ValidationResult(s, 1, loss, Math.exp(loss), 50, "ppl", Math.exp(loss), true,
        Math.exp(loss), s, 1e-3, false, 0, false);
  }

  @Test
  void pointsThatCannotBeDrawnAreLeftOutAndNeverFailTheRun(@TempDir Path dir) throws Exception {
    Path png = dir.resolve(TrainingPlot.FILE);
    TrainingPlot plot = new TrainingPlot(png, dir.resolve("none.csv"));
    plot.onStart(new TrainingStart(-1, 10, 100, 1000, 100, 10));
    for (int s = 1; s <= 30; s++) {
      // a finite loss whose perplexity overflows: exp(64436) = Infinity
      plot.onStep(step(s, s < 12 ? 3.0 : 64436.0));
    }
    plot.onValidation(new ValidationResult(30, 1, 900.0, Double.POSITIVE_INFINITY, 50, "ppl",
        Double.POSITIVE_INFINITY, false, 20.0, 10, 1e-3, false, 1, false));
    plot.onFinish(null);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(900, img.getWidth());
  }

  @Test
  void plotIsAPngRewrittenAtValidations(@TempDir Path dir) throws Exception {
    Path png = dir.resolve(TrainingPlot.FILE);
    TrainingPlot plot = new TrainingPlot(png, dir.resolve("none.csv"));
    plot.onStart(new TrainingStart(-1, 10, 100, 1000, 100, 10));
    for (int s = 1; s <= 25; s++) {
      plot.onStep(step(s, 4.0 / s));
    }
    assertTrue(!Files.exists(png));
    plot.onValidation(valid(25, 1.0));
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(540, img.getHeight());
    long before = Files.size(png);
    for (int s = 26; s <= 50; s++) {
      plot.onStep(step(s, 4.0 / s));
    }
    plot.onValidation(valid(50, 0.8));
    assertTrue(Files.size(png) != before);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void bleuValidationAddsAPanelBelowThePerplexities(@TempDir Path dir) throws Exception {
    Path png = dir.resolve(TrainingPlot.FILE);
    TrainingPlot plot = new TrainingPlot(png, dir.resolve("none.csv"));
    plot.onStart(new TrainingStart(-1, 10, 100, 1000, 100, 10));
    for (int s = 1; s <= 20; s++) {
      plot.onStep(step(s, 4.0 / s));
    }
    plot.onValidation(new ValidationResult(10, 1, 1.2, Math.exp(1.2), 50, "bleu", 12.5, true,
        12.5, 10, 1e-3, false, 0, false));
    plot.onValidation(new ValidationResult(20, 1, 1.0, Math.exp(1.0), 50, "bleu", 17.0, true,
        17.0, 20, 1e-3, false, 0, false));
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(540 + 300, img.getHeight());
  }
}
