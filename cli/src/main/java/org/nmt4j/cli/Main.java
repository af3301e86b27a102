package org.nmt4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the {@code nmt4j} launcher.
 *
 * <p>User errors end as one line on stderr and a non-zero exit code: 2 for a bad command line, 1
 * for anything that went wrong while running. Stack traces only with {@code --verbose}.
 */
public final class Main {
  /** Exit code for errors found while running a command (bad files, bad data). */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for a bad command line (unknown option, missing value). */
  public static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI with stdout/stderr as UTF-8 whatever the platform default; returns the exit code. */
  public static int run(String... args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    return run(out, err, args);
  }

  /** Runs the CLI writing to the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    // warnings of nmt4j and its libraries (SLF4J, bound to java.util.logging here) go to this
    // run's stderr; train and serve add --log FILE and --quiet (LoggingOptions)
    LogSetup.console(err, false, java.util.Arrays.asList(args).contains("--verbose"));
    try {
      return execute(out, err, args);
    } finally {
      LogSetup.close();
    }
  }

  private static int execute(PrintWriter out, PrintWriter err, String... args) {
    Nmt4jCommand root = new Nmt4jCommand();
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ParameterException e, String[] a) -> usageError(e, err, root.verbose()));
    cli.setExecutionExceptionHandler(
        (Exception e, CommandLine c, CommandLine.ParseResult p) -> {
          if (e instanceof ParameterException pe) {
            // flags checked while running (values out of range, flags that do not go together)
            return usageError(pe, err, root.verbose());
          }
          err.println(qualifiedName(c) + ": error: " + describe(e));
          if (root.verbose()) {
            e.printStackTrace(err);
          }
          err.flush();
          return EXIT_FAILURE;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Prints a bad command line as one line; returns {@link #EXIT_USAGE}. */
  private static int usageError(ParameterException e, PrintWriter err, boolean verbose) {
    CommandLine c = e.getCommandLine();
    if (e instanceof FlagValues.Rejected) {
      err.println(qualifiedName(c) + ": error: " + oneLine(e.getMessage()));
    } else {
      err.println(c.getCommandName() + ": " + oneLine(e.getMessage())
          + " (see '" + qualifiedName(c) + " --help')");
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_USAGE;
  }

  private static String qualifiedName(CommandLine c) {
    return c.getCommandSpec().qualifiedName(" ");
  }

  /** The innermost useful message on one line, never a bare class name when a message exists. */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + m;
    }
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    if (t instanceof java.nio.file.FileAlreadyExistsException) {
      // what Files.createDirectories throws when a path on the way is a regular file
      return m + ": exists and is not a directory";
    }
    if (t instanceof java.nio.file.NotDirectoryException) {
      return m + ": not a directory";
    }
    if (t instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
        && fs.getFile() != null && m.equals(fs.getFile())) {
      return fs.getFile() + ": " + fs.getReason();
    }
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName() + " (run with --verbose for details)";
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory: " + m + " (give the JVM more with JAVA_OPTS=-Xmx...)";
    }
    return oneLine(m);
  }

  private static String oneLine(String m) {
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
