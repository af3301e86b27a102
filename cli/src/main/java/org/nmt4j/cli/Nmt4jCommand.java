package org.nmt4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command {@code nmt4j}: holds the global options and lists the subcommands. */
@Command(
    name = "nmt4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Neural machine translation with recurrent sequence-to-sequence models.",
    subcommands = {org.nmt4j.cli.corpus.CorpusCommand.class, org.nmt4j.cli.bench.BenchCommand.class,
        org.nmt4j.cli.evaluate.EvaluateCommand.class, org.nmt4j.cli.train.VocabCommand.class,
        org.nmt4j.cli.train.TrainCommand.class, org.nmt4j.cli.train.AverageCommand.class,
        org.nmt4j.cli.translate.TranslateCommand.class, org.nmt4j.cli.translate.ScoreCommand.class,
        org.nmt4j.cli.translate.QuickstartCommand.class,
        org.nmt4j.cli.translate.QuantizeCommand.class, org.nmt4j.cli.serve.ServeCommand.class,
        org.nmt4j.cli.lm.LmCommand.class, org.nmt4j.cli.inspect.InspectCommand.class})
public final class Nmt4jCommand implements Runnable {
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

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
