package org.nmt4j.cli.translate;

import org.nmt4j.cli.FlagValues;
import org.nmt4j.translator.BatchingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How {@code translate} groups and schedules its batches (speed only, never the output). */
public final class BatchingFlags {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--batch-tokens", paramLabel = "T", defaultValue = "0",
      description = {"At most T padded source tokens per batch (rows x the widest source), as",
          "well as --batch-size rows (default ${DEFAULT-VALUE}: no token limit)."})
  int batchTokens;

  @Option(names = "--parallel-batches", paramLabel = "K", defaultValue = "0",
      description = {"Batches decoded side by side, each on one core with single-threaded",
          "products (default ${DEFAULT-VALUE}: one per core; 1: one batch at a time, its",
          "products split across the cores)."})
  int parallelBatches;

  /**
   * @return the validated options
   * @throws picocli.CommandLine.ParameterException naming the flag at fault (exit code 2)
   */
  public BatchingOptions options() {
    return FlagValues.check(command.commandLine(),
        () -> new BatchingOptions(batchTokens, parallelBatches));
  }
}
