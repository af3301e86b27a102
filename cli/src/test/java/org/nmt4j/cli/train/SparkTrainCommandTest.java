package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.spark.WorkersRecord;
import org.nmt4j.translator.run.TrainingCsvLog;

/** {@code nmt4j train --spark local[2]}: the run's files, resuming, and the flags' errors. */
class SparkTrainCommandTest {
  @TempDir static Path data;

  @BeforeAll
  static void corpus() {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 200, 4).withHeldOut(20, 0))
        .write(data);
  }

  private static String[] args(Path outDir, String... more) {
    return ToyTrainArgs.of(data, outDir, more).toArray(String[]::new);
  }

  @Test
  void trainsOnSparkAndResumesOnlyOnSparkWithTheSameWorkers(@TempDir Path out) throws Exception {
    CliRun r = CliRun.of(args(out, "--max-steps", "10", "--spark", "local[2]", "--workers", "2"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("stopped after 10 steps (max steps)"), r.out());
    assertTrue(r.err().contains("training on Spark (local[2]) with 2 workers"), r.err());
    assertTrue(r.err().contains("step 5 (epoch 1): valid ppl"), r.err());
    for (String f : List.of("model.nmt4j", "checkpoint.zip", TrainingCsvLog.FILE,
        WorkersRecord.FILE)) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    assertEquals(10, Files.readAllLines(out.resolve(TrainingCsvLog.FILE)).stream()
        .filter(l -> l.startsWith("train,")).count());

    CliRun plain = CliRun.of(args(out, "--max-steps", "14"));
    assertEquals(2, plain.exitCode(), plain.err());
    assertTrue(plain.err().contains("was made on Spark with 2 workers: resume it with --spark "
        + "MASTER --workers 2"), plain.err());

    CliRun three = CliRun.of(args(out, "--max-steps", "14", "--spark", "local[2]", "--workers",
        "4"));
    assertEquals(2, three.exitCode(), three.err());
    assertTrue(three.err().contains("--workers 4 differs from the 2 workers"), three.err());

    CliRun again = CliRun.of(args(out, "--max-steps", "14", "--spark", "local[2]", "--workers",
        "2"));
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.err().contains("resuming"), again.err());
    assertTrue(again.out().contains("stopped after 14 steps (max steps)"), again.out());
    assertEquals(14, Files.readAllLines(out.resolve(TrainingCsvLog.FILE)).stream()
        .filter(l -> l.startsWith("train,")).count());
  }

  @Test
  void badSparkFlagsAreUsageErrors(@TempDir Path out) {
    CliRun noSpark = CliRun.of(args(out, "--workers", "2"));
    assertEquals(2, noSpark.exitCode());
    assertTrue(noSpark.err().contains("--workers needs --spark MASTER"), noSpark.err());

    CliRun badMaster = CliRun.of(args(out, "--spark", "loca[2]"));
    assertEquals(2, badMaster.exitCode());
    assertTrue(badMaster.err().contains("--spark: 'loca[2]' is not a Spark master URL"),
        badMaster.err());

    CliRun uneven = CliRun.of(args(out, "--spark", "local[2]", "--workers", "3"));
    assertEquals(2, uneven.exitCode());
    assertTrue(uneven.err().contains("--batch-size 16 must be a multiple of --workers 3"),
        uneven.err());
    assertEquals(1, uneven.errLines().size(), uneven.err());
    assertTrue(!Files.exists(out.resolve("checkpoint.zip")));
  }
}
