package org.nmt4j.cli.lm;

import org.nmt4j.cli.Nmt4jCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nmt4j lm}: train, sample from and score RNN language models. */
@Command(
    name = "lm",
    mixinStandardHelpOptions = true,
    description = "Train, sample and score character/word RNN language models.",
    subcommands = {LmTrainCommand.class, LmSampleCommand.class, LmScoreCommand.class,
        LmBaselineCommand.class})
public final class LmCommand implements Runnable {
  @ParentCommand Nmt4jCommand root;
  @Spec CommandSpec spec;

  /** Whether --verbose was given. */
  boolean verbose() {
    return root != null && root.verbose();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
