package org.nmt4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.nmt4j.nn.BackendPreload;
import org.nmt4j.nn.NativeRuntime;
import picocli.CommandLine;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

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
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", CliLogManager.class.getName());
    }
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
    try {
      // before anything loads ND4J: the OpenMP settings only count when libgomp is loaded
      NativeRuntime.init();
    } catch (IllegalArgumentException e) {
      // a bad -D setting of the JVM: part of the command line
      err.println("nmt4j: error: " + oneLine(e.getMessage()));
      err.flush();
      return EXIT_USAGE;
    }
    // ND4J loads on another thread while the command line is built and parsed
    BackendPreload backend = BackendPreload.start();
    Nmt4jCommand root = new Nmt4jCommand();
    CommandLine cli = Nmt4jCommand.commandLine(root, args);
    cli.setOut(out);
    cli.setErr(err);
    // --config FILE of translate, score and evaluate: option values from the file
    cli.setDefaultValueProvider(new DecodingConfigFile.Defaults(args));
    cli.setExecutionStrategy(parsed -> {
      backend.await();
      CommandLine leaf = innermost(cli);
      if (root.dumpConfig() && !(leaf.getCommand() instanceof ConfigDump.Dumps)
          && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
        for (Object m : leaf.getCommandSpec().mixins().values().stream()
            .map(CommandLine.Model.CommandSpec::userObject).toList()) {
          if (m instanceof DecodingConfigFile f) {
            try {
              f.check();
            } catch (java.io.IOException e) {
              throw new CommandLine.ExecutionException(leaf, e.getMessage(), e);
            }
          }
        }
        leaf.getOut().print(ConfigDump.of(leaf.getCommandSpec()));
        leaf.getOut().flush();
        return 0;
      }
      return new CommandLine.RunLast().execute(parsed);
    });
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
    int code;
    try {
      code = cli.execute(args);
    } catch (Error e) {
      // not an Exception, so not seen by the handler above: a class that failed to initialise
      // (such as a bad -Dnmt4j.* setting read in a static initialiser), a missing class, or out
      // of memory; one line too, the stack trace with --verbose
      if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      err.println(qualifiedName(innermost(cli)) + ": error: " + describe(e));
      if (root.verbose()) {
        e.printStackTrace(err);
      }
      code = EXIT_FAILURE;
    }
    out.flush();
    err.flush();
    return code;
  }

  /** The subcommand that ran (or the root when parsing did not get that far). */
  private static CommandLine innermost(CommandLine cli) {
    CommandLine.ParseResult r = cli.getParseResult();
    if (r == null) {
      return cli;
    }
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return r.commandSpec().commandLine();
  }

  /**
   * Prints a bad command line as one line, {@code nmt4j COMMAND: error: ...} like every other
   * error, with the nearest command or option names for a mistyped one; returns {@link
   * #EXIT_USAGE}.
   */
  private static int usageError(ParameterException e, PrintWriter err, boolean verbose) {
    CommandLine c = e.getCommandLine();
    if (e instanceof FlagValues.Rejected) {
      err.println(qualifiedName(c) + ": error: " + oneLine(e.getMessage()));
    } else if (e instanceof UnmatchedArgumentException u) {
      err.println(qualifiedName(c) + ": error: " + unmatched(u)
          + " (see '" + qualifiedName(c) + " --help')");
    } else {
      err.println(qualifiedName(c) + ": error: " + picocliLine(e.getMessage())
          + " (see '" + qualifiedName(c) + " --help')");
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_USAGE;
  }

  /** "unknown command 'x'; did you mean 'y'?" rather than picocli's "Unmatched argument at index 0". */
  private static String unmatched(UnmatchedArgumentException u) {
    List<String> args = u.getUnmatched();
    String first = args.isEmpty() ? "" : args.get(0);
    boolean option = first.startsWith("-");
    boolean command = !option && !u.getCommandLine().getSubcommands().isEmpty();
    String what = option ? "unknown option" : command ? "unknown command" : "unexpected argument";
    String m = what + " '" + first + "'";
    List<String> near = u.getSuggestions();
    if (!near.isEmpty()) {
      m += "; did you mean " + near.stream().limit(3).map(n -> "'" + n + "'")
          .collect(Collectors.joining(" or ")) + "?";
    }
    return m;
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

  /** A picocli message's first line, its first word lower-cased as in nmt4j's ("Missing ..."). */
  private static String picocliLine(String m) {
    String line = oneLine(m);
    if (line.length() > 1 && Character.isUpperCase(line.charAt(0))
        && Character.isLowerCase(line.charAt(1))) {
      line = Character.toLowerCase(line.charAt(0)) + line.substring(1);
    }
    return line;
  }
}
