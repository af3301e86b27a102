package org.nmt4j.cli.corpus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nmt4j corpus}: groups the commands that make and inspect parallel corpora. */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Generate toy corpora; check, clean and split parallel corpora.",
    subcommands = {CorpusGenerateCommand.class, CorpusCheckCommand.class, CorpusPrepareCommand.class})
public final class CorpusCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
