package org.nmt4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.train.Trainer;

/**
 * The number of Spark workers a run trains with, recorded in the output directory ({@value
 * #FILE}) because it decides the batches: a checkpoint resumes exactly only with the same
 * number, and only on Spark. Plain files only (no Spark classes), so that a run without Spark can
 * check it too.
 */
public final class WorkersRecord {
  /** The file's name in the output directory. */
  public static final String FILE = "spark-workers.txt";

  private WorkersRecord() {}

  /**
   * The recorded worker count of the run in {@code dir}, or 0 when it has none.
   *
   * @throws IOException when the file is there but unreadable or malformed
   */
  public static int read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      int n = Integer.parseInt(text.replaceFirst("^workers\\s+", ""));
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException(file + ": line 1: expected 'workers N' with N >= 1, got '" + text
          + "'");
    }
  }

  /** Records {@code workers} for the run in {@code dir} (atomically). */
  public static void write(Path dir, int workers) throws IOException {
    AtomicFiles.write(dir.resolve(FILE),
        ("workers " + workers + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Checks that a run with {@code workers} Spark workers (0: without Spark) can resume from the
   * checkpoint in {@code dir}, if there is one.
   *
   * @throws IllegalArgumentException naming the flags to use instead
   * @throws IOException when the record is unreadable
   */
  public static void checkResumable(Path dir, int workers) throws IOException {
    if (!Files.exists(dir.resolve(Trainer.CHECKPOINT_FILE))) {
      return;
    }
    int recorded = read(dir);
    if (recorded == workers) {
      return;
    }
    Path checkpoint = dir.resolve(Trainer.CHECKPOINT_FILE);
    if (recorded == 0) {
      throw new IllegalArgumentException(checkpoint + " was made without --spark: resume it "
          + "without --spark, or give --reset (or another --out-dir) to train on Spark");
    }
    if (workers == 0) {
      throw new IllegalArgumentException(checkpoint + " was made on Spark with " + recorded
          + " workers: resume it with --spark MASTER --workers " + recorded
          + ", or give --reset to start afresh");
    }
    throw new IllegalArgumentException("--workers " + workers + " differs from the " + recorded
        + " workers that made " + checkpoint + " (the workers decide the batches): use --workers "
        + recorded + " to resume, or --reset to start afresh");
  }
}
