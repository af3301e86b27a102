package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ErrLineConsumerTest {
  @Test
  void aFrameDeliveredAfterCloseIsDroppedSoTheNextLineStartsClean() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text);
    ErrLineConsumer bar = new ErrLineConsumer(err, 80);
    bar.accept("train 10%");
    bar.close();
    // the progress bar's render thread can still deliver a frame after close()
    bar.accept("train 11%");
    bar.close();
    err.print("nmt4j train: error: x");
    err.flush();
    assertEquals("\rtrain 10%" + System.lineSeparator() + "nmt4j train: error: x",
        text.toString());
  }
}
