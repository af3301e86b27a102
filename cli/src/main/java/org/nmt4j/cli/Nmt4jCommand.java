package org.nmt4j.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command {@code nmt4j}: holds the global options and lists the subcommands.
 *
 * <p>The subcommands are added by {@link #commandLine(Nmt4jCommand, String[])} rather than by
 * the annotation, so that a run builds only the command it runs: picocli reads the annotations
 * of every command it is given, and for all of nmt4j's (some 40 with their mixins) that took
 * about 0.4 s of a cold JVM's start-up, a tenth of translating a 1,000-line file.
 */
@Command(
    name = "nmt4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Neural machine translation with recurrent sequence-to-sequence models.")
public final class Nmt4jCommand implements Runnable {
  /** The subcommands, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      org.nmt4j.cli.corpus.CorpusCommand.class, org.nmt4j.cli.bench.BenchCommand.class,
      org.nmt4j.cli.evaluate.EvaluateCommand.class, org.nmt4j.cli.train.VocabCommand.class,
      org.nmt4j.cli.train.TrainCommand.class, org.nmt4j.cli.train.AverageCommand.class,
      org.nmt4j.cli.translate.TranslateCommand.class, org.nmt4j.cli.translate.ScoreCommand.class,
      org.nmt4j.cli.translate.QuickstartCommand.class,
      org.nmt4j.cli.translate.QuantizeCommand.class,
      org.nmt4j.cli.translate.ShortlistCommand.class, org.nmt4j.cli.serve.ServeCommand.class,
      org.nmt4j.cli.lm.LmCommand.class, org.nmt4j.cli.inspect.InspectCommand.class);

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and extra diagnostics.")
  boolean verbose;

  @Option(
      names = "--dump-config",
      scope = ScopeType.INHERIT,
      description = "Print the command's effective options as YAML instead of running it "
          + "(translate, score, evaluate: the decoding options, a file for --config; train: the "
          + "experiment config).")
  boolean dumpConfig;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Whether --verbose was given anywhere on the command line. */
  public boolean verbose() {
    return verbose;
  }

  /** Whether --dump-config was given anywhere on the command line. */
  public boolean dumpConfig() {
    return dumpConfig;
  }

  /** The whole command tree, every subcommand (for the help and the tests). */
  public static CommandLine commandLine() {
    return commandLine(new Nmt4jCommand(), new String[0]);
  }

  /**
   * The command tree for one command line: when its first word that is not an option names a
   * subcommand (and no help or version option comes before it), that subcommand alone, with its
   * own subcommands; otherwise every subcommand, for the root's help and for the suggestions
   * after an unknown command name.
   *
   * @param root the root command's object
   * @param args the command line, or an empty array for every subcommand
   */
  public static CommandLine commandLine(Nmt4jCommand root, String[] args) {
    CommandLine cli = new CommandLine(root);
    Class<?> only = args.length == 0 ? null : named(args);
    for (Class<?> c : SUBCOMMANDS) {
      if (only == null || c == only) {
        cli.addSubcommand(c);
      }
    }
    return cli;
  }

  /** The subcommand that the first word of args names, or null (see {@link #commandLine}). */
  private static Class<?> named(String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return null;
      }
      if (!a.startsWith("-")) {
        for (Class<?> c : SUBCOMMANDS) {
          if (c.getAnnotation(Command.class).name().equals(a)) {
            return c;
          }
        }
        return null;
      }
    }
    return null;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
