package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --log FILE} and {@code --quiet}, for the long-running commands (train, serve). */
public final class LoggingOptions {
  @Option(names = "--log", paramLabel = "FILE",
      description = "Append a log to FILE: start, validations, checkpoints, model files, "
          + "warnings (every step too with --verbose).")
  Path logFile;

  @Option(names = {"-q", "--quiet"},
      description = "Print no progress bar or status lines, only errors and the final result.")
  boolean quiet;

  /** @return the log file, or null */
  public Path logFile() {
    return logFile;
  }

  /** @return whether to print only errors and results */
  public boolean quiet() {
    return quiet;
  }

  /**
   * Sets up the command's logging: console warnings (errors when quiet) and the log file.
   *
   * @param err the command's stderr
   * @param verbose debug lines in the log file, stack traces of logged exceptions
   * @throws IOException if the log file cannot be opened
   */
  public void apply(PrintWriter err, boolean verbose) throws IOException {
    LogSetup.console(err, quiet, verbose);
    if (logFile != null) {
      LogSetup.file(logFile, verbose);
    }
  }
}
