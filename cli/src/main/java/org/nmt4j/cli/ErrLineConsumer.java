package org.nmt4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Draws a progress bar on one line of a command's stderr writer: each frame returns to the
 * start of the line ({@code \r}) and overwrites it; closing ends the line.
 */
public final class ErrLineConsumer implements ProgressBarConsumer {
  private final PrintWriter err;
  private final int width;
  /** Set by {@link #close}: the bar's render thread may still deliver a frame after it. */
  private boolean closed;

  /**
   * @param err where to draw
   * @param width the longest frame the bar may render
   */
  public ErrLineConsumer(PrintWriter err, int width) {
    this.err = err;
    this.width = width;
  }

  @Override
  public int getMaxRenderedLength() {
    return width;
  }

  @Override
  public synchronized void accept(String rendered) {
    if (closed) {
      // a frame rendered while the bar was closing: drawn now it would share the next line
      return;
    }
    err.print('\r');
    err.print(rendered);
    err.flush();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    err.println();
    err.flush();
  }
}
