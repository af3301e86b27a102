package org.nmt4j.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.translator.io.WeightAveraging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j average}: checkpoint averaging ({@link WeightAveraging}), e.g. of the checkpoints
 * a run kept with {@code training.keep-checkpoints}.
 */
@Command(
    name = "average",
    mixinStandardHelpOptions = true,
    description = {
      "Average the weights of several snapshots of one training run into a model file.",
      "Inputs are model files (.nmt4j) and checkpoints (checkpoint*.zip) of the same architecture;"
          + " the vocabularies come from the first model file, so at least one is needed."
    })
public final class AverageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "The averaged model file to write (atomically).")
  Path output;

  @Parameters(arity = "2..*", paramLabel = "INPUT", description = "Model files and checkpoints.")
  List<Path> inputs;

  @Override
  public Integer call() throws Exception {
    OutputPaths.of(spec.commandLine()).inputs("INPUT", inputs).requireDistinct("-o", output);
    WeightAveraging.Summary s = WeightAveraging.average(inputs, output);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "averaged %d files (%,d parameters each, steps %d to %d) into %s%n",
        s.inputs(), s.parameters(), s.minStep(), s.maxStep(), output);
    out.flush();
    return 0;
  }
}
