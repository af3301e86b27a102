package org.nmt4j.translator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;

/** The crash-proof CSV log of a training run. */
class TrainingCsvLogTest {
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
}
