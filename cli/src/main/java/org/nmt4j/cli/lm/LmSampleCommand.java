package org.nmt4j.cli.lm;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.decoder.search.SamplingConfig;
import org.nmt4j.lm.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nmt4j lm sample}: draws text from a language model one token at a time. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Sample text from a language model, one token at a time, fed back.")
public final class LmSampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "LM", description = "Language model file.")
  Path model;

  @Option(names = "--prime", defaultValue = "", description = "Text to continue (\\n for a line break; default: none).")
  String prime;

  @Option(names = "--length", defaultValue = "500", description = "Tokens to draw (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--temperature", defaultValue = "1.0", description = "Softmax temperature (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens (0: all; default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus mass (1: all; default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--n-samples", defaultValue = "1", description = "Samples to draw (default: ${DEFAULT-VALUE}).")
  int samples;

  @Override
  public Integer call() {
    var cl = spec.commandLine();
    SamplingConfig sampling = FlagValues.check(cl,
        () -> new SamplingConfig(temperature, topK, topP, seed));
    FlagValues.require(cl, length >= 0 && length <= 1_000_000, "--length must be in [0, 1000000], got " + length);
    FlagValues.require(cl, samples >= 1 && samples <= 1000, "--n-samples must be in [1, 1000], got " + samples);
    LanguageModel lm = LanguageModel.load(model);
    List<String> texts = lm.sample(prime.replace("\\n", "\n"), length, sampling, samples);
    PrintWriter out = cl.getOut();
    for (int i = 0; i < texts.size(); i++) {
      if (samples > 1) {
        out.println("=== sample " + (i + 1) + " ===");
      }
      out.println(texts.get(i));
    }
    out.flush();
    return 0;
  }
}
