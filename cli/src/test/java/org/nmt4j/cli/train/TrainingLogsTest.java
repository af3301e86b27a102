package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;

class TrainingLogsTest {
  private static StepStats step(long s, double loss) {
    return new StepStats(s, 1, loss, Math.exp(loss), 100, 1234.5, 1e-3, 0.5, false, 0);
  }

  private static ValidationResult valid(long s, double loss) {
    return new ValidationResult(s, 1, loss, Math.exp(loss), 50, "ppl", Math.exp(loss), true,
        Math.exp(loss), s, 1e-3, false, 0, false);
  }

  @Test
  void csvLogHasOneRowPerEventAndDropsRedoneStepsOnResume(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve(TrainingCsvLog.FILE);
    try (TrainingCsvLog log = new TrainingCsvLog(csv)) {
      log.onStart(new TrainingStart(-1, 10, 30, 1000, 100, 10));
      for (int s = 1; s <= 12; s++) {
        log.onStep(step(s, 3.0 - 0.1 * s));
        if (s % 5 == 0) {
          log.onValidation(valid(s, 2.5));
        }
      }
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals(TrainingCsvLog.HEADER, lines.get(0));
    assertEquals(1 + 12 + 2, lines.size());
    assertEquals("train,1,1,2.900000,18.1741,1234.5,0.00100000,0.500000,0,,,,", lines.get(1));
    assertEquals("valid,5,1,,,,0.00100000,,,2.500000,12.1825,1,", lines.get(6));
    // resumed from a checkpoint at step 10: rows 11 and 12 are redone, so they go
    try (TrainingCsvLog log = new TrainingCsvLog(csv)) {
      log.onStart(new TrainingStart(10, 10, 30, 1000, 100, 10));
      log.onStep(step(11, 1.0));
    }
    List<TrainingCsvLog.Row> rows = TrainingCsvLog.read(csv);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 5L, 6L, 7L, 8L, 9L, 10L, 10L, 11L),
        rows.stream().map(TrainingCsvLog.Row::step).toList());
    assertEquals(Math.exp(1.0), rows.get(12).ppl(), 1e-3);
  }

  @Test
  void rowsReachTheDiskBeforeEachCheckpointAndOnlyThen(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve(TrainingCsvLog.FILE);
    TrainingCsvLog log = new TrainingCsvLog(csv);
    log.onStart(new TrainingStart(-1, 10, 30, 1000, 100, 10));
    for (int s = 1; s <= 5; s++) {
      log.onStep(step(s, 2.0));
    }
    log.beforeCheckpoint(5);
    assertEquals(1 + 5, Files.readAllLines(csv).size(), "synced for the checkpoint of step 5");
    log.onStep(step(6, 2.0));
    assertEquals(1 + 5, Files.readAllLines(csv).size(), "buffered until the next checkpoint");
    // a crash now loses row 6 only, which the resumed run (from step 5) redoes
    log.close();
  }

  @Test
  void aLogWithInvalidBytesNamesTheLineAndWhatToDo(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve(TrainingCsvLog.FILE);
    Files.write(csv, (TrainingCsvLog.HEADER + "\ntrain,1,1,2.9,18.1,1.0,0.001,0.5,0,,,,\ntrain,2\u00ff")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    TrainingCsvLog log = new TrainingCsvLog(csv);
    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> log.onStart(new TrainingStart(1, 10, 30, 1000, 100, 10)));
    assertEquals(csv + ":3: invalid UTF-8 (byte 0xFF at byte 8 of the line); the training log "
        + "is damaged: repair or delete it (deleting loses the rows so far) and run again",
        e.getMessage());
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
