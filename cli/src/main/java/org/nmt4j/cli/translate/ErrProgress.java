package org.nmt4j.cli.translate;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nmt4j.cli.ErrLineConsumer;

/** A progress bar of lines done, drawn on the command's stderr writer. */
final class ErrProgress implements AutoCloseable {
  private final ProgressBar bar;

  /**
   * @param err where to draw
   * @param task the task name shown
   * @param total lines expected, or -1 when unknown
   */
  ErrProgress(PrintWriter err, String task, long total) {
    ProgressBarConsumer consumer = new ErrLineConsumer(err, 100);
    this.bar = new ProgressBarBuilder()
        .setTaskName(task)
        // colours and block characters only where a terminal shows them, not in a log file
        .setStyle(System.console() == null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setInitialMax(total)
        .setUnit(" lines", 1)
        .showSpeed()
        .setConsumer(consumer)
        .setUpdateIntervalMillis(500)
        .build();
  }

  /** @param lines lines finished since the last call */
  void advance(long lines) {
    bar.stepBy(lines);
  }

  @Override
  public void close() {
    bar.close();
  }
}
