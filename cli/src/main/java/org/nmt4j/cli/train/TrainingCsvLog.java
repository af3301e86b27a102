package org.nmt4j.cli.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;

/**
 * The CSV log of a training run: one {@code train} row per step and one {@code valid} row per
 * validation, appended as they happen (UTF-8). On resume, rows after the checkpoint's step (from
 * the interrupted session, about to be redone) are removed first, so the log reads as one run.
 * The {@code valid_bleu} column holds validation BLEU when it is the validation metric.
 */
final class TrainingCsvLog implements TrainingListener, AutoCloseable {
  /** The log's file name in the output directory. */
  static final String FILE = "training-log.csv";

  static final String HEADER = "type,step,epoch,loss,ppl,tokens_per_s,learning_rate,grad_norm,"
      + "clipped,valid_loss,valid_ppl,best,valid_bleu";

  private final Path file;
  private BufferedWriter out;

  TrainingCsvLog(Path file) {
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
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
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
    flush();
  }

  @Override
  public void onFinish(TrainingResult result) {
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

  private void flush() {
    try {
      out.flush();
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

  /** The rows of a log (the header and malformed rows skipped). */
  static List<Row> read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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
