package org.nmt4j.cli.corpus;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.nmt4j.corpora.CorpusCheck;
import org.nmt4j.corpora.CorpusReport;
import org.nmt4j.corpora.FilterChain;
import org.nmt4j.corpora.FilterConfig;
import org.nmt4j.tokenization.Tokenizer;
import org.nmt4j.tokenization.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j corpus check}: reads a corpus through its reader, checks and filters, and prints
 * the counts, the length histograms and the drops by rule. Stops at the first malformed line.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Read and check a parallel corpus; print counts, length histograms and drops by rule.")
public final class CorpusCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusInputOptions input;

  @Option(names = "--tokenizer", paramLabel = "SPEC", defaultValue = "whitespace",
      description = "Tokenizer used to count tokens, e.g. whitespace, lucene, corenlp,lang=de "
          + "(default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(names = "--max-length", paramLabel = "N", defaultValue = "0",
      description = "Drop pairs with more tokens on a side, as train's --max-length (0: no limit; "
          + "default: ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(names = "--max-src-length", paramLabel = "N",
      description = "Drop pairs with more source tokens (0: no limit; default: ${DEFAULT-VALUE}).")
  int maxSourceTokens = 0;

  /** The old spelling of --max-src-length, kept hidden. */
  @Option(names = "--max-src-tokens", hidden = true, paramLabel = "N")
  void legacyMaxSrcTokens(int value) {
    maxSourceTokens = value;
  }

  @Option(names = "--max-tgt-length", paramLabel = "N",
      description = "Drop pairs with more target tokens (0: no limit; default: ${DEFAULT-VALUE}).")
  int maxTargetTokens = 0;

  /** The old spelling of --max-tgt-length, kept hidden. */
  @Option(names = "--max-tgt-tokens", hidden = true, paramLabel = "N")
  void legacyMaxTgtTokens(int value) {
    maxTargetTokens = value;
  }

  @Option(names = "--max-length-ratio", paramLabel = "X", defaultValue = "0",
      description = "Drop pairs whose longer side has more than X times the tokens of the shorter (0: no limit; default: ${DEFAULT-VALUE}).")
  double maxLengthRatio;

  @Option(names = "--drop-duplicates", description = "Drop exact duplicate pairs.")
  boolean dropDuplicates;

  @Option(names = "--keep-empty", description = "Keep pairs with an empty side.")
  boolean keepEmpty;

  @Override
  public Integer call() {
    FilterConfig filters = FilterConfig.defaults()
        .withDropEmpty(!keepEmpty)
        .withMaxTokens(tighter(maxLength, maxSourceTokens), tighter(maxLength, maxTargetTokens))
        .withMaxLengthRatio(maxLengthRatio)
        .withDropDuplicates(dropDuplicates);
    Tokenizer tok = Tokenizers.create(tokenizer);
    Function<String, List<String>> split = tok::tokenize;
    CorpusReport report =
        CorpusCheck.run(input.toSpec(spec.commandLine()), FilterChain.of(filters, split, split));
    PrintWriter out = spec.commandLine().getOut();
    out.print(report.format());
    out.flush();
    return 0;
  }

  /** The tighter of two token limits, 0 meaning none. */
  private static int tighter(int a, int b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }
}
