package org.nmt4j.cli.inspect;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nmt4j inspect}: look inside recurrent networks. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Look inside the network: interpretable cells and gradient flow.",
    subcommands = {InspectCellsCommand.class, InspectGradientsCommand.class})
public final class InspectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
