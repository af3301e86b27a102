package org.nmt4j.cli.lm;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.lm.baseline.NgramBaseline;
import org.nmt4j.lm.data.LmText;
import org.nmt4j.tokenization.TokenizerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nmt4j lm baseline}: unigram and bigram losses on the split that {@code lm train} uses. */
@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    description = {
        "Compute the validation loss of add-one unigram and bigram baselines.",
        "The same split and tokens as 'nmt4j lm train' (the last --valid-fraction of --text, or "
            + "--valid-text)."})
public final class LmBaselineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--text", required = true, paramLabel = "FILE", description = "Training text.")
  Path text;

  @Option(names = "--valid-text", paramLabel = "FILE", description = "Validation text.")
  Path validText;

  @Option(names = "--valid-fraction", defaultValue = "0.1", paramLabel = "F", description = "Held-out share (default: ${DEFAULT-VALUE}).")
  double validFraction;

  @Option(names = "--tokenizer", defaultValue = "char", paramLabel = "SPEC", description = "As in 'lm train' (default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(names = "--bpe-merges", defaultValue = "0", paramLabel = "N", description = "As in 'lm train' (default: ${DEFAULT-VALUE}).")
  int bpeMerges;

  @Override
  public Integer call() {
    var cl = spec.commandLine();
    TokenizerSpec tokSpec = FlagValues.check(cl, () -> TokenizerSpec.parse(tokenizer));
    FlagValues.require(cl, validFraction > 0 && validFraction < 1,
        "--valid-fraction must be in (0, 1), got " + validFraction);
    LmTrainCommand.Prepared p = LmTrainCommand.prepare(cl, tokSpec, text, validText,
        validFraction, bpeMerges);
    FlagValues.require(cl, p.valid() != null, "the validation text has fewer than 2 tokens");
    NgramBaseline.Result r = NgramBaseline.score(p.train(), p.valid(), p.text().vocabulary().size());
    LmText lm = p.text();
    cl.getOut().printf(Locale.ROOT, "predictions %d%nunigram  %.4f nats/token  %.4f bits/token%n"
        + "bigram   %.4f nats/token  %.4f bits/token%n", r.predictions(), r.unigramNats(),
        r.unigramBits(), r.bigramNats(), r.bigramBits());
    cl.getOut().flush();
    return 0;
  }

}
