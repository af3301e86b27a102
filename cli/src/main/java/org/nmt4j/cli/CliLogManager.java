package org.nmt4j.cli;

import java.util.logging.LogManager;

/**
 * The {@code java.util.logging} manager of the {@code nmt4j} launcher ({@link Main#main} selects
 * it). The JDK's own manager closes every handler in a shutdown hook of its own, which runs at
 * the same time as {@code serve}'s hook: the lines that hook logs while the server stops would be
 * lost from the {@code --log} file. This one leaves the handlers to {@link LogSetup}, which
 * flushes every line as it is written.
 */
public final class CliLogManager extends LogManager {
  private volatile boolean configured;

  @Override
  public void readConfiguration() throws java.io.IOException {
    super.readConfiguration();
    configured = true;
  }

  @Override
  public void reset() {
    // the first reset belongs to reading the configuration at start-up; later ones come from
    // the JVM's shutdown
    if (!configured) {
      super.reset();
    }
  }
}
