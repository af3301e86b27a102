package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the log goes while one command runs. nmt4j and its libraries log through SLF4J; the
 * command line (and only it) binds SLF4J to {@code java.util.logging}, which, unlike a backend
 * configured once per JVM, can be set up anew for every command: warnings and errors on the
 * command's stderr as {@code nmt4j: warning: ...} lines (errors only with {@code --quiet}), and
 * with {@code --log FILE} every line at info and above (debug with {@code --verbose}) appended
 * to FILE with its time, level and logger.
 */
public final class LogSetup {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

  private LogSetup() {}

  /**
   * Replaces the root logger's handlers by one writing warnings (or only errors when quiet) to
   * {@code err}.
   *
   * @param err the command's stderr
   * @param quiet only errors
   * @param verbose stack traces of logged exceptions
   */
  public static synchronized void console(PrintWriter err, boolean quiet, boolean verbose) {
    Logger root = LogManager.getLogManager().getLogger("");
    closeHandlers(root);
    Handler console = new WriterHandler(err, new ConsoleFormat(verbose), false);
    console.setLevel(quiet ? Level.SEVERE : Level.WARNING);
    // Spark's and Hadoop's own warnings (a loopback host name, native Hadoop missing) say nothing
    // a user of train --spark can act on: on the console only with --verbose (in --log always)
    console.setFilter(r -> verbose || r.getLevel().intValue() >= Level.SEVERE.intValue()
        || !isClusterLibrary(r.getLoggerName()));
    root.addHandler(console);
    root.setLevel(console.getLevel());
  }

  /**
   * Adds a log file, appended to: info and above, debug (FINE) and above when verbose.
   *
   * @param file the file (created with its parent folders if missing)
   * @param verbose also debug lines
   * @throws IOException if it cannot be opened for appending
   */
  public static synchronized void file(Path file, boolean verbose) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), true);
    Handler h = new WriterHandler(w, new FileFormat(), true);
    h.setLevel(verbose ? Level.FINE : Level.INFO);
    Logger root = LogManager.getLogManager().getLogger("");
    root.addHandler(h);
    if (h.getLevel().intValue() < root.getLevel().intValue()) {
      root.setLevel(h.getLevel());
    }
  }

  private static boolean isClusterLibrary(String logger) {
    return logger != null && (logger.startsWith("org.apache.spark.")
        || logger.startsWith("org.sparkproject.") || logger.startsWith("org.apache.hadoop."));
  }

  /** Flushes and closes the handlers (the log file), leaving none. */
  public static synchronized void close() {
    closeHandlers(LogManager.getLogManager().getLogger(""));
  }

  private static void closeHandlers(Logger root) {
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
      h.close();
    }
  }

  /** Writes formatted records to a writer; closes it only when it owns it (a log file). */
  private static final class WriterHandler extends Handler {
    private final PrintWriter out;
    private final boolean owned;

    WriterHandler(PrintWriter out, Formatter format, boolean owned) {
      this.out = out;
      this.owned = owned;
      setFormatter(format);
    }

    @Override
    public synchronized void publish(LogRecord r) {
      if (isLoggable(r)) {
        out.print(getFormatter().format(r));
        out.flush();
      }
    }

    @Override
    public synchronized void flush() {
      out.flush();
    }

    @Override
    public synchronized void close() {
      if (owned) {
        out.close();
      } else {
        out.flush();
      }
    }
  }

  /** {@code nmt4j: warning: message} (an exception's message appended; its trace when verbose). */
  private static final class ConsoleFormat extends Formatter {
    private final boolean verbose;

    ConsoleFormat(boolean verbose) {
      this.verbose = verbose;
    }

    @Override
    public String format(LogRecord r) {
      String level = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning";
      StringBuilder sb = new StringBuilder("nmt4j: ").append(level).append(": ").append(formatMessage(r));
      Throwable t = r.getThrown();
      if (t != null) {
        sb.append(": ").append(Main.describe(t));
      }
      sb.append(System.lineSeparator());
      if (t != null && verbose) {
        sb.append(trace(t));
      }
      return sb.toString();
    }
  }

  /** {@code 2026-01-31 12:00:00.000 INFO  logger - message}, then an exception's stack trace. */
  private static final class FileFormat extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder sb = new StringBuilder()
          .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
          .append(String.format(Locale.ROOT, "%-5s", levelName(r.getLevel()))).append(' ')
          .append(r.getLoggerName()).append(" - ").append(formatMessage(r))
          .append(System.lineSeparator());
      if (r.getThrown() != null) {
        sb.append(trace(r.getThrown()));
      }
      return sb.toString();
    }
  }

  /** SLF4J's level names for the java.util.logging levels slf4j-jdk14 maps them to. */
  static String levelName(Level l) {
    int v = l.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    } else if (v >= Level.WARNING.intValue()) {
      return "WARN";
    } else if (v >= Level.INFO.intValue()) {
      return "INFO";
    } else if (v >= Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "TRACE";
  }

  private static String trace(Throwable t) {
    StringWriter sw = new StringWriter();
    try (PrintWriter pw = new PrintWriter(sw)) {
      t.printStackTrace(pw);
    }
    return sw.toString();
  }
}
