package org.nmt4j.cli.lm;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.lm.LanguageModel;
import org.nmt4j.lm.model.StreamScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nmt4j lm score}: cross-entropy, perplexity and bits per token of a text. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = "Score a text: nats and bits per token (per character with the char tokenizer), perplexity.")
public final class LmScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "LM", description = "Language model file.")
  Path model;

  @Option(names = "--text", required = true, paramLabel = "FILE", description = "UTF-8 text to score.")
  Path text;

  @Override
  public Integer call() {
    LanguageModel lm = LanguageModel.load(model);
    StreamScorer.Score s = lm.score(text);
    spec.commandLine().getOut().printf(Locale.ROOT,
        "tokens %d  nats/token %.4f  bits/token %.4f  perplexity %.3f%n",
        s.predictions(), s.nats(), s.bits(), s.perplexity());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
