package org.nmt4j.cli.train;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.tokenization.io.TextFileException;
import org.nmt4j.tokenization.io.Utf8LineReader;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;

/**
 * The CSV log of a training run: one {@code train} row per step and one {@code valid} row per
 * validation (UTF-8).
 *
 * <p>The log always matches the checkpoint a run resumes from, however it was stopped: rows are
 * buffered, then written and synced to disk just before every checkpoint ({@link
 * #beforeCheckpoint}); on resume, rows after the checkpoint's step (written before a crash, and
 * about to be redone) are cut off. So after any number of crashes each step has exactly one
 * row. The {@code valid_bleu} column holds validation BLEU when it is the validation metric.
 */
public final class TrainingCsvLog implements TrainingListener, AutoCloseable {
  /** The log's file name in the output directory. */
  public static final String FILE = "training-log.csv";

  static final String HEADER = "type,step,epoch,loss,ppl,tokens_per_s,learning_rate,grad_norm,"
      + "clipped,valid_loss,valid_ppl,best,valid_bleu";

  private final Path file;
  private FileOutputStream stream;
  private BufferedWriter out;

  public TrainingCsvLog(Path file) {
    this.file = file;
  }

  @Override
  public void onStart(TrainingStart start) {
    try {
      List<String> keep = new ArrayList<>();
      keep.add(HEADER);
      if (start.resumed() && Files.exists(file)) {
        for (Row r : read(file)) {
          if (r.step() <= start.resumedFromStep()) {
            keep.add(r.line());
          }
        }
      }
      AtomicFiles.writeString(file, String.join("\n", keep) + "\n");
      stream = new FileOutputStream(file.toFile(), true);
      out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the training log: " + e.getMessage(), e);
    }
  }

  @Override
  public void onStep(StepStats s) {
    write(String.format(Locale.ROOT, "train,%d,%d,%.6f,%.4f,%.1f,%.6g,%.6f,%d,,,,",
        s.step(), s.epoch(), s.loss(), s.perplexity(), s.tokensPerSecond(), s.learningRate(),
        s.gradientNorm(), s.clipped() ? 1 : 0));
  }

  @Override
  public void onValidation(ValidationResult r) {
    String bleu = r.metric().equals("bleu") ? String.format(Locale.ROOT, "%.2f", r.value()) : "";
    write(String.format(Locale.ROOT, "valid,%d,%d,,,,%.6g,,,%.6f,%.4f,%d,%s", r.step(), r.epoch(),
        r.learningRate(), r.loss(), r.perplexity(), r.isBest() ? 1 : 0, bleu));
  }

  /** Writes and syncs every row so far: the checkpoint about to be written covers them. */
  @Override
  public void beforeCheckpoint(long step) {
    sync();
  }

  @Override
  public void onFinish(TrainingResult result) {
    sync();
    close();
  }

  private void write(String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the training log: " + e.getMessage(), e);
    }
  }

  private void sync() {
    if (out == null) {
      return;
    }
    try {
      out.flush();
      stream.getFD().sync();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the training log: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // the log is a report; training results are already saved
      }
      out = null;
    }
  }

  /**
   * One row of the log.
   *
   * @param line the row as written
   * @param type "train" or "valid"
   * @param step the step
   * @param ppl training perplexity (train rows) or validation perplexity (valid rows)
   * @param bleu validation BLEU (valid rows with BLEU as the metric), NaN otherwise
   */
  record Row(String line, String type, long step, double ppl, double bleu) {}

  /**
   * The rows of a log (the header and malformed rows skipped).
   *
   * @throws TextFileException naming the line of invalid UTF-8 and how to go on
   */
  static List<Row> read(Path file) {
    List<String> lines;
    try {
      lines = Utf8LineReader.readAll(file, Utf8LineReader.LineEnding.TEXT);
    } catch (TextFileException e) {
      throw new TextFileException(e.file(), e.line(), e.problem() + "; the training log is "
          + "damaged: repair or delete it (deleting loses the rows so far) and run again", e);
    }
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      // 12 columns: a log written before the valid_bleu column existed
      if ((f.length != 13 && f.length != 12) || !(f[0].equals("train") || f[0].equals("valid"))) {
        continue;
      }
      try {
        long step = Long.parseLong(f[1]);
        double ppl = Double.parseDouble(f[0].equals("train") ? f[4] : f[10]);
        double bleu = f.length == 13 && !f[12].isEmpty() ? Double.parseDouble(f[12]) : Double.NaN;
        rows.add(new Row(line, f[0], step, ppl, bleu));
      } catch (NumberFormatException e) {
        // a row cut short by a crash: not part of the history
      }
    }
    return rows;
  }
}
