package org.nmt4j.translator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.DataPreparation;
import org.nmt4j.translator.train.Trainer;

/**
 * The output directory of a training run and the state its files hold: what a run writes there
 * ({@link #FILES}), whether it resumes (a checkpoint is there), the interrupted run's settings
 * ({@value #CONFIG_FILE}) and data files ({@link DataFiles}).
 *
 * <p>{@link #open} tidies the directory before a run: it deletes the temporary files of writes
 * cut short by {@code kill -9}, and on a reset everything an earlier run wrote; then, when a
 * checkpoint is left, it refuses data files other than the checkpoint's. Each of these steps is
 * reported as one line to the run's message sink, as are the resume and the data preparation.
 */
public final class RunDirectory {
  /** The effective config's file name in the output directory. */
  public static final String CONFIG_FILE = "config.yaml";

  /**
   * The files a run writes into the output directory (besides {@code checkpoint-<step>.zip} and
   * the files of the caller's listeners).
   */
  public static final List<String> FILES = List.of(Trainer.MODEL_FILE, Trainer.CHECKPOINT_FILE,
      CONFIG_FILE, TrainingCsvLog.FILE, DataPreparation.SOURCE_VOCAB_FILE,
      DataPreparation.TARGET_VOCAB_FILE, DataPreparation.JOINT_MERGES_FILE,
      DataPreparation.SOURCE_MERGES_FILE, DataPreparation.TARGET_MERGES_FILE, DataFiles.FILE);

  private final Path dir;
  private DataFiles dataFiles;
  private final Consumer<String> messages;
  private final boolean resuming;

  private RunDirectory(Path dir, DataFiles dataFiles, Consumer<String> messages,
      boolean resuming) {
    this.dir = dir;
    this.dataFiles = dataFiles;
    this.messages = messages;
    this.resuming = resuming;
  }

  /**
   * Tidies the output directory for a run and checks that a checkpoint left in it was trained on
   * {@code dataFiles}: {@link #open(Path, boolean, List, Consumer)}, then {@link
   * #requireSameData(Map)}.
   *
   * @param dir the output directory (need not exist yet)
   * @param reset whether to delete what an earlier run wrote instead of resuming from it
   * @param dataFiles the data files the run reads, by the flag (or other label) that named each
   *     (null when not given), in the order to compare; recorded when the run starts
   * @param listenerFiles names of the files the caller's listeners write into {@code dir}
   * @param messages receives one line per thing done (removed files, resume, data preparation)
   * @throws IllegalStateException when the checkpoint was trained on other data files
   * @throws IOException when a file cannot be removed or read
   */
  public static RunDirectory open(Path dir, boolean reset, Map<String, Path> dataFiles,
      List<String> listenerFiles, Consumer<String> messages) throws IOException {
    RunDirectory run = open(dir, reset, listenerFiles, messages);
    run.requireSameData(dataFiles);
    return run;
  }

  /**
   * Tidies the output directory for a run: removes temporary files left by interrupted writes,
   * and with {@code reset} the files of an earlier run ({@link #FILES}, {@code listenerFiles},
   * kept {@code checkpoint-<step>.zip} and encoded corpora). The data files are named later with
   * {@link #requireSameData(Map)}, once the settings (which may list the corpora) are known.
   *
   * @param dir the output directory (need not exist yet)
   * @param reset whether to delete what an earlier run wrote instead of resuming from it
   * @param listenerFiles names of the files the caller's listeners write into {@code dir}
   * @param messages receives one line per thing done (removed files, resume, data preparation)
   * @throws IOException when a file cannot be removed
   */
  public static RunDirectory open(Path dir, boolean reset, List<String> listenerFiles,
      Consumer<String> messages) throws IOException {
    Objects.requireNonNull(messages, "messages");
    for (Path stale : AtomicFiles.removeStale(dir)) {
      messages.accept("removed " + stale + " (left by an interrupted write)");
    }
    if (reset) {
      int removed = removeEarlierRun(dir, listenerFiles);
      messages.accept("--reset: removed " + removed + " file(s) of the earlier run in " + dir);
    }
    boolean resuming = Files.exists(dir.resolve(Trainer.CHECKPOINT_FILE));
    return new RunDirectory(dir, DataFiles.of(Map.of()), messages, resuming);
  }

  /**
   * Names the data files the run reads and, when resuming, checks that the checkpoint was
   * trained on them; they are recorded ({@value DataFiles#FILE}) when the run starts.
   *
   * @param dataFiles the data files by the flag (or other label) that named each (null when not
   *     given), in the order to compare
   * @throws IllegalStateException when the checkpoint was trained on other data files
   * @throws IOException when the record of the checkpoint's data files cannot be read
   */
  public void requireSameData(Map<String, Path> dataFiles) throws IOException {
    DataFiles data = DataFiles.of(dataFiles);
    if (resuming) {
      String difference = data.firstDifference(dir);
      if (difference != null) {
        throw new IllegalStateException(checkpoint() + " was trained on other data: " + difference
            + "; give the same data to resume, or --reset to start afresh");
      }
    }
    this.dataFiles = data;
  }

  /** The directory. */
  public Path path() {
    return dir;
  }

  /** Whether the run resumes from the checkpoint in the directory. */
  public boolean resuming() {
    return resuming;
  }

  /** The checkpoint the run writes, and resumes from when it is there. */
  public Path checkpoint() {
    return dir.resolve(Trainer.CHECKPOINT_FILE);
  }

  /** The interrupted run's {@value #CONFIG_FILE} when resuming and it is there, else null. */
  public Path savedConfig() {
    Path saved = dir.resolve(CONFIG_FILE);
    return resuming && Files.exists(saved) ? saved : null;
  }

  /** Where the run's message lines go. */
  public Consumer<String> messages() {
    return messages;
  }

  /**
   * When resuming, says so ({@code found OUT/checkpoint.zip: resuming}) and checks, before any
   * data is read, that the checkpoint was made with the data and model settings of {@code
   * config}; does nothing otherwise.
   *
   * @param config the run's effective config
   * @param fromSavedConfig whether {@code config} was built on {@link #savedConfig()} (the
   *     message then names it)
   * @throws org.nmt4j.translator.io.ModelFileException naming the first settings that differ
   */
  public void checkResumable(ExperimentConfig config, boolean fromSavedConfig) {
    if (!resuming) {
      return;
    }
    messages.accept("found " + checkpoint() + ": resuming"
        + (fromSavedConfig ? " with the settings of " + savedConfig() : ""));
    Trainer.checkResumable(dir, config);
  }

  /**
   * Records the run's settings and data files ({@value #CONFIG_FILE}, {@value DataFiles#FILE});
   * called once training starts, so that a resume with clashing settings overwrites neither.
   */
  void recordStart(ExperimentConfig config) throws IOException {
    ConfigYaml.write(config, dir.resolve(CONFIG_FILE));
    dataFiles.write(dir);
  }

  /** The run's CSV log ({@value TrainingCsvLog#FILE}). */
  public Path csvLog() {
    return dir.resolve(TrainingCsvLog.FILE);
  }

  /** Deletes the files an earlier run wrote to the directory; returns how many. */
  private static int removeEarlierRun(Path dir, List<String> listenerFiles) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> files = new ArrayList<>();
    for (String name : FILES) {
      files.add(dir.resolve(name));
    }
    for (String name : listenerFiles) {
      files.add(dir.resolve(name));
    }
    try (var kept = Files.newDirectoryStream(dir, "checkpoint-*.zip")) {
      kept.forEach(files::add);
    }
    try (var encoded = Files.newDirectoryStream(dir, DataPreparation.ENCODED_GLOB)) {
      encoded.forEach(files::add);
    }
    int removed = 0;
    for (Path f : files) {
      if (Files.deleteIfExists(f)) {
        removed++;
      }
    }
    return removed;
  }
}
