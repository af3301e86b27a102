package org.nmt4j.cli.translate;

import org.nmt4j.cli.FlagValues;
import org.nmt4j.translator.DecodingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The decoding flags shared by {@code translate} (all of them) and {@code score} (batching). */
public final class DecodingFlags {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--sample", description = "Sample from the softmax instead of greedy decoding.")
  boolean sample;

  @Option(names = "--temperature", paramLabel = "X",
      description = "Sampling temperature, > 0 (default 1.0; near 0 acts like greedy).")
  Double temperature;

  @Option(names = "--top-k", paramLabel = "K",
      description = "Sample only among the K most probable tokens (default 0 = all).")
  Integer topK;

  @Option(names = "--top-p", paramLabel = "P",
      description = "Sample only within the nucleus of probability mass P, in (0, 1] (default 1 = all).")
  Double topP;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of the sampling (default 1): the same input and seed give the same output.")
  Long seed;

  @Option(names = "--allow-unk",
      description = "Let the output contain <unk> (never by default; <pad> and <s> are never output).")
  boolean allowUnknown;

  @Option(names = "--n-samples", paramLabel = "K", defaultValue = "1",
      description = "Samples per input line (needs --sample; at most " + DecodingOptions.MAX_SAMPLES
          + "), written on the line separated by tabs (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
      description = "Input sentences per batch; with --n-samples K the decoder runs K rows each (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--max-output-length", paramLabel = "N", description = "Absolute cap on output tokens (default ${DEFAULT-VALUE}).")
  int maxLength = 250;

  /** The old spelling of --max-output-length (--max-length is the training filter), kept hidden. */
  @Option(names = "--max-length", hidden = true, paramLabel = "N")
  void legacyMaxLength(int value) {
    maxLength = value;
  }

  @Option(names = "--length-ratio", paramLabel = "A", defaultValue = "2.0",
      description = "Relative cap on output tokens: A x source tokens + B (default ${DEFAULT-VALUE}).")
  double lengthRatio;

  @Option(names = "--length-offset", paramLabel = "B", defaultValue = "10",
      description = "B of the relative cap (default ${DEFAULT-VALUE}).")
  int lengthOffset;

  @Option(names = "--min-length-ratio", paramLabel = "R", defaultValue = "0",
      description = "No end of sentence before ceil(R x source tokens) output tokens, within the cap"
          + " (default ${DEFAULT-VALUE} = off).")
  double minLengthRatio;

  @Option(names = "--no-repeat-ngram", paramLabel = "N", defaultValue = "0",
      description = "Never output a token that repeats an N-gram (of subword tokens) already in"
          + " the output (default ${DEFAULT-VALUE} = off).")
  int noRepeatNgram;

  @Option(names = "--repetition-penalty", paramLabel = "X", defaultValue = "1.0",
      description = "Divide the positive logits (multiply the negative ones) of tokens already in"
          + " the output by X, > 0 (default ${DEFAULT-VALUE} = off; 1.2 is common).")
  double repetitionPenalty;

  @Option(names = "--max-src-length", paramLabel = "N", description = "Longer input lines are cut to N source tokens, with a warning (default ${DEFAULT-VALUE}).")
  int maxSourceLength = 250;

  /** The old spelling of --max-src-length, kept hidden. */
  @Option(names = "--max-source-length", hidden = true, paramLabel = "N")
  void legacyMaxSourceLength(int value) {
    maxSourceLength = value;
  }

  /**
   * @return the validated options
   * @throws picocli.CommandLine.ParameterException naming the flag at fault (exit code 2)
   */
  public DecodingOptions options() {
    return FlagValues.check(command.commandLine(), this::validated);
  }

  private DecodingOptions validated() {
    if (!sample) {
      String stray = temperature != null ? "--temperature" : topK != null ? "--top-k"
          : topP != null ? "--top-p" : seed != null ? "--seed" : null;
      if (stray != null) {
        throw new IllegalArgumentException(stray + " needs --sample (decoding is greedy without it)");
      }
    }
    return new DecodingOptions(
        sample ? DecodingOptions.Method.SAMPLE : DecodingOptions.Method.GREEDY,
        temperature == null ? 1.0 : temperature,
        topK == null ? 0 : topK,
        topP == null ? 1.0 : topP,
        seed == null ? 1L : seed,
        maxLength, lengthRatio, lengthOffset, samples, batchSize, maxSourceLength, allowUnknown,
        noRepeatNgram, repetitionPenalty, minLengthRatio);
  }
}
