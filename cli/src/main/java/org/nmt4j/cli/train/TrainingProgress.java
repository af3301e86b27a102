package org.nmt4j.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nmt4j.cli.ErrLineConsumer;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;

/**
 * What the user sees on stderr while training: a progress bar of steps with loss, perplexity,
 * target tokens per second, learning rate and ETA, and one line per validation (written above
 * the bar).
 */
public final class TrainingProgress implements TrainingListener, AutoCloseable {
  private static final int WIDTH = 118;

  private final PrintWriter err;
  private final boolean verbose;
  private ProgressBar bar;

  public TrainingProgress(PrintWriter err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public void onStart(TrainingStart s) {
    if (s.resumed()) {
      line("resumed from step " + s.resumedFromStep());
    }
    line(String.format(Locale.ROOT,
        "training %,d parameters on %,d pairs (%,d batches per epoch), validation pairs: %,d; "
            + "until step %,d", s.parameterCount(), s.trainingPairs(), s.batchesPerEpoch(),
        s.validationPairs(), s.plannedSteps()));
    ProgressBarConsumer consumer = new ErrLineConsumer(err, WIDTH);
    ProgressBarBuilder b = new ProgressBarBuilder()
        .setTaskName("train")
        .setInitialMax(s.plannedSteps())
        .setUnit(" steps", 1)
        .setConsumer(consumer)
        .setUpdateIntervalMillis(1000)
        // colours and block characters only on a terminal; plain ASCII in logs
        .setStyle(System.console() != null ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK
            : ProgressBarStyle.ASCII);
    if (s.resumed()) {
      b.startsFrom(s.resumedFromStep(), Duration.ZERO);
    }
    bar = b.build();
  }

  @Override
  public void onStep(StepStats s) {
    bar.stepTo(s.step());
    bar.setExtraMessage(String.format(Locale.ROOT, " ep %d loss %.3f ppl %.2f %.0f tok/s lr %.2g",
        s.epoch(), s.loss(), s.perplexity(), s.tokensPerSecond(), s.learningRate()));
  }

  @Override
  public void onValidation(ValidationResult r) {
    line(String.format(Locale.ROOT, "step %d (epoch %d): valid ppl %.3f (loss %.4f)", r.step(),
        r.epoch(), r.perplexity(), r.loss()) + r.outcome());
  }

  @Override
  public void onCheckpoint(long step, Path file) {
    if (verbose) {
      line("checkpoint at step " + step + ": " + file);
    }
  }

  @Override
  public void onFinish(TrainingResult result) {
    close();
  }

  /** Prints a line above the bar. */
  public void line(String text) {
    err.print('\r');
    err.print(text);
    int pad = WIDTH - text.length();
    if (bar != null && pad > 0) {
      err.print(" ".repeat(pad));
    }
    err.println();
    err.flush();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
