package org.nmt4j.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nmt4j bench}: groups the speed and memory benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure training and decoding speed at the standard configuration.",
    subcommands = {BenchTrainCommand.class, org.nmt4j.cli.translate.BenchTranslateCommand.class,
        BenchGemmCommand.class,
        org.nmt4j.cli.serve.BenchServeCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
