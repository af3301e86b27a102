package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.cli.Main;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.run.TrainingCsvLog;
import org.nmt4j.translator.train.checkpoint.CheckpointFile;

/**
 * The crash harness: {@code nmt4j train} in a real JVM killed with SIGKILL mid-run, twice, then
 * resumed, must end with the weights of an uninterrupted run and a log with each step's row
 * exactly once; a finished run started again changes nothing; divergence stops cleanly.
 */
class CrashResumeTest {
  private static final int STEPS = 60;

  @TempDir static Path data;

  @BeforeAll
  static void corpus() {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 200, 4).withHeldOut(20, 0)).write(data);
  }

  private static List<String> args(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("train",
        "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(),
        "--valid-src", data.resolve("valid.src").toString(),
        "--valid-tgt", data.resolve("valid.tgt").toString(),
        "--out-dir", out.toString(),
        "--emb", "8", "--hidden", "12", "--enc-layers", "1", "--dec-layers", "1",
        "--batch-size", "16", "--valid-every", "10", "--seed", "7"));
    a.addAll(List.of(more));
    if (!a.contains("--max-steps")) {
      a.addAll(List.of("--max-steps", String.valueOf(STEPS)));
    }
    if (!a.contains("--checkpoint-every")) {
      a.addAll(List.of("--checkpoint-every", "5"));
    }
    return a;
  }

  /** Starts {@code nmt4j train} in its own JVM. */
  private static Process start(Path out) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args(out));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.getParent().resolve(out.getFileName() + ".console").toFile())
        .start();
  }

  /** Kills the process with SIGKILL as soon as a checkpoint newer than {@code after} exists. */
  private static void killAfterCheckpoint(Process p, Path out, FileTime after) throws Exception {
    Path ckpt = out.resolve("checkpoint.zip");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(ckpt) && (after == null
          || Files.getLastModifiedTime(ckpt).compareTo(after) > 0)) {
        break;
      }
      Thread.sleep(5);
    }
    assertTrue(p.isAlive(), "the run ended before it could be killed; console: "
        + Files.readString(out.getParent().resolve(out.getFileName() + ".console")));
    p.destroyForcibly();
    assertTrue(dead(p), "still running after SIGKILL");
  }

  /**
   * Waits until a killed process is gone. On Linux a killed process the JVM has not reaped yet
   * is a zombie ({@code State: Z}): dead, its files closed, so that counts.
   */
  private static boolean dead(Process p) throws Exception {
    Path status = Path.of("/proc/" + p.pid() + "/status");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        return true;
      }
      try {
        if (Files.readString(status).lines().anyMatch(l -> l.matches("State:\\s+Z.*"))) {
          return true;
        }
      } catch (IOException e) {
        return true; // gone (or not Linux: then isAlive decides)
      }
      Thread.sleep(10);
    }
    return false;
  }

  @Test
  void killedTwiceThenResumedEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path crashed = tmp.resolve("crashed");
    Files.createDirectories(crashed);
    killAfterCheckpoint(start(crashed), crashed, null);
    long firstKill = CheckpointFile.read(crashed.resolve("checkpoint.zip")).state().step();
    killAfterCheckpoint(start(crashed), crashed,
        Files.getLastModifiedTime(crashed.resolve("checkpoint.zip")));
    long secondKill = CheckpointFile.read(crashed.resolve("checkpoint.zip")).state().step();
    assertTrue(secondKill > firstKill && secondKill < STEPS, firstKill + " then " + secondKill);
    // a write cut off by a kill leaves its temporary file; the next start removes it
    Path stale = Files.writeString(crashed.resolve(".model.nmt4j.00ff00ff00ff00ff.tmp"), "half");

    CliRun resumed = CliRun.of(args(crashed).toArray(String[]::new));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("removed " + stale), resumed.err());
    assertFalse(Files.exists(stale));

    Path clean = tmp.resolve("clean");
    CliRun uninterrupted = CliRun.of(args(clean).toArray(String[]::new));
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

    assertArrayEquals(
        CheckpointFile.read(clean.resolve("checkpoint.zip")).weights().toFloatVector(),
        CheckpointFile.read(crashed.resolve("checkpoint.zip")).weights().toFloatVector());
    List<TrainingCsvLog.Row> rows = TrainingCsvLog.read(crashed.resolve(TrainingCsvLog.FILE));
    List<Long> trainSteps = rows.stream().filter(r -> r.type().equals("train"))
        .map(TrainingCsvLog.Row::step).toList();
    List<Long> expected = new ArrayList<>();
    for (long s = 1; s <= STEPS; s++) {
      expected.add(s);
    }
    assertEquals(expected, trainSteps, "every step's row exactly once");
    List<Long> validSteps = rows.stream().filter(r -> r.type().equals("valid"))
        .map(TrainingCsvLog.Row::step).toList();
    assertEquals(validSteps.stream().distinct().toList(), validSteps);
    // the crashed run's log reads as the uninterrupted one's, apart from the speed column
    assertEquals(withoutSpeed(clean.resolve(TrainingCsvLog.FILE)),
        withoutSpeed(crashed.resolve(TrainingCsvLog.FILE)));
  }

  private static List<String> withoutSpeed(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(l -> {
      String[] f = l.split(",", -1);
      f[5] = "";
      return String.join(",", f);
    }).toList();
  }

  @Test
  void aFinishedRunStartedAgainChangesNothing(@TempDir Path out) throws Exception {
    CliRun first = CliRun.of(args(out, "--max-steps", "12").toArray(String[]::new));
    assertEquals(0, first.exitCode(), first.err());
    byte[] model = Files.readAllBytes(out.resolve("model.nmt4j"));
    FileTime modelTime = Files.getLastModifiedTime(out.resolve("model.nmt4j"));
    List<String> log = Files.readAllLines(out.resolve(TrainingCsvLog.FILE));

    CliRun again = CliRun.of(args(out, "--max-steps", "12").toArray(String[]::new));
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().startsWith("training in " + out + " is already complete (step 12"),
        again.out());
    assertArrayEquals(model, Files.readAllBytes(out.resolve("model.nmt4j")));
    assertEquals(modelTime, Files.getLastModifiedTime(out.resolve("model.nmt4j")));
    assertEquals(log, Files.readAllLines(out.resolve(TrainingCsvLog.FILE)));
  }

  @Test
  void divergenceStopsWithOneLineNamingTheStepAndKeepsTheCheckpoint(@TempDir Path out)
      throws Exception {
    CliRun r = CliRun.of(args(out, "--lr", "1e4", "--checkpoint-every", "1").toArray(String[]::new));
    assertEquals(Main.EXIT_FAILURE, r.exitCode(), r.err());
    List<String> errors = r.errLines().stream().filter(l -> l.contains("error")).toList();
    assertEquals(1, errors.size(), r.err());
    assertTrue(errors.get(0).matches("nmt4j train: error: training diverged at step (\\d+): "
        + "training loss .* exploded \\(above 10 x ln \\d+ = .*\\); training stopped \\(the last "
        + "good checkpoint \\(step \\d+\\) is .*checkpoint.zip\\); try a lower --lr or --clip"),
        errors.get(0));
    long diverged = Long.parseLong(errors.get(0).replaceAll(".*diverged at step (\\d+):.*", "$1"));
    assertEquals(diverged - 1,
        CheckpointFile.read(out.resolve("checkpoint.zip")).state().step());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
  }

  @Test
  void resumingWithOtherDataIsRefusedUnlessReset(@TempDir Path out, @TempDir Path elsewhere)
      throws Exception {
    CliRun first = CliRun.of(args(out, "--max-steps", "6").toArray(String[]::new));
    assertEquals(0, first.exitCode(), first.err());
    byte[] checkpoint = Files.readAllBytes(out.resolve("checkpoint.zip"));

    // the same settings but another training source
    List<String> lines = new ArrayList<>(Files.readAllLines(data.resolve("train.src")));
    lines.set(0, "t1 t2");
    Path otherSrc = Files.write(elsewhere.resolve("other.src"), lines);
    List<String> other = args(out, "--max-steps", "12");
    other.set(other.indexOf("--train-src") + 1, otherSrc.toString());
    CliRun refused = CliRun.of(other.toArray(String[]::new));
    assertEquals(Main.EXIT_FAILURE, refused.exitCode(), refused.err());
    String error = refused.errLines().get(refused.errLines().size() - 1);
    assertTrue(error.startsWith("nmt4j train: error: " + out.resolve("checkpoint.zip")
        + " was trained on other data: --train-src is " + otherSrc.toRealPath()), error);
    assertTrue(error.endsWith("; give the same data to resume, or --reset to start afresh"),
        error);
    assertArrayEquals(checkpoint, Files.readAllBytes(out.resolve("checkpoint.zip")));

    // another data setting
    CliRun lowercase = CliRun.of(args(out, "--max-steps", "12", "--min-freq", "3")
        .toArray(String[]::new));
    assertEquals(Main.EXIT_FAILURE, lowercase.exitCode(), lowercase.err());
    assertTrue(lowercase.err().contains("the checkpoint was made with other settings (data."),
        lowercase.err());

    // --reset starts afresh on purpose
    other.add("--reset");
    CliRun reset = CliRun.of(other.toArray(String[]::new));
    assertEquals(0, reset.exitCode(), reset.err());
    assertTrue(reset.err().contains("--reset: removed"), reset.err());
    assertFalse(reset.err().contains("resuming"), reset.err());
    assertEquals(12, CheckpointFile.read(out.resolve("checkpoint.zip")).state().step());
    List<Long> steps = TrainingCsvLog.read(out.resolve(TrainingCsvLog.FILE)).stream()
        .filter(r -> r.type().equals("train")).map(TrainingCsvLog.Row::step).toList();
    assertEquals(12, steps.size());
  }

  @Test
  void aCheckpointFromBeforeTheCorpusListResumes(@TempDir Path out) throws Exception {
    CliRun first = CliRun.of(args(out, "--max-steps", "10").toArray(String[]::new));
    assertEquals(0, first.exitCode(), first.err());
    // what an older version wrote: a config without the data.train list, no data-files.tsv
    Path checkpoint = out.resolve("checkpoint.zip");
    Path older = out.resolve("older.zip");
    try (ZipFile in = new ZipFile(checkpoint.toFile());
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(older))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        byte[] bytes = in.getInputStream(e).readAllBytes();
        if (e.getName().equals("config.yaml")) {
          String yaml = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
          String withoutCorpora = yaml.replaceAll("(?s)\n  train:\n.*?(?=\n  filters:)", "");
          assertFalse(withoutCorpora.equals(yaml), yaml);
          bytes = withoutCorpora.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    Files.move(older, checkpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(out.resolve("data-files.tsv"));

    CliRun resumed = CliRun.of(args(out, "--max-steps", "14").toArray(String[]::new));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("resuming"), resumed.err());
    assertEquals(14, CheckpointFile.read(checkpoint).state().step());
  }
}
