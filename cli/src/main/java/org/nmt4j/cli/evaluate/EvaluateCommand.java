package org.nmt4j.cli.evaluate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.cli.translate.DecodingFlags;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.ScoreReport;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.eval.AlignedLines;
import org.nmt4j.translator.eval.Bleu;
import org.nmt4j.translator.eval.BleuOptions;
import org.nmt4j.translator.eval.Chrf;
import org.nmt4j.translator.eval.ChrfOptions;
import org.nmt4j.translator.eval.RepeatedWordPairs;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.cli.translate.QuantizeFlag;
import org.nmt4j.cli.translate.ShortlistFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j evaluate}: sacreBLEU-compatible BLEU and chrF2 of a hypothesis file against a
 * reference file, or of a model's translations of a source file (then also the model's
 * perplexity on the references, by forced decoding).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Score translations with BLEU and chrF2 (sacreBLEU's defaults).",
      "BLEU with 13a tokenization and exp smoothing, chrF2 with character 6-grams, as sacreBLEU;"
          + " also counts the lines that repeat a pair of adjacent words (hypotheses and references).",
      "Either --hyp F --ref F, or -m MODEL --src F --ref F (translates, then scores; adds perplexity)."
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--hyp", paramLabel = "FILE", description = "Hypotheses, one per line (detokenized).")
  Path hypothesis;

  @Option(names = "--ref", required = true, paramLabel = "FILE", description = "References, line-aligned.")
  Path reference;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "A model.nmt4j file to translate --src with; repeat for an ensemble (mean of the models' log-probabilities at each step).")
  List<Path> models;

  @Option(names = "--src", paramLabel = "FILE", description = "With -m: the source sentences.")
  Path source;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "With -m: also write the translations here.")
  Path output;

  @Option(names = "--lowercase", description = "Case-insensitive BLEU and chrF.")
  boolean lowercase;

  @Option(names = "--tokenize", defaultValue = "13a", paramLabel = "13a|none",
      description = "BLEU tokenization (default: ${DEFAULT-VALUE}).")
  String tokenize;

  @Mixin DecodingFlags decoding;

  @Mixin org.nmt4j.cli.DecodingConfigFile config;

  @Mixin QuantizeFlag quantize;

  @Mixin ShortlistFlag shortlist;

  @Override
  public Integer call() throws IOException {
    config.check();
    BleuOptions bleuOptions = BleuOptions.defaults().withLowercase(lowercase).withTokenize(tokenize);
    ChrfOptions chrfOptions = ChrfOptions.defaults().withLowercase(lowercase);
    PrintWriter out = spec.commandLine().getOut();
    OutputPaths.of(spec.commandLine()).inputs("-m", models).input("--src", source)
        .input("--hyp", hypothesis).input("--ref", reference).requireDistinct("-o", output);
    List<String> hypotheses;
    List<List<String>> references;
    Double perplexity = null;
    if (models == null || models.isEmpty()) {
      if (hypothesis == null || source != null) {
        throw new ParameterException(spec.commandLine(),
            "give either --hyp F --ref F, or -m MODEL --src F --ref F");
      }
      AlignedLines lines = AlignedLines.read(hypothesis, reference);
      hypotheses = lines.hypotheses();
      references = lines.referenceStreams();
    } else {
      if (source == null || hypothesis != null) {
        throw new ParameterException(spec.commandLine(),
            "with -m give --src F --ref F (and no --hyp)");
      }
      // BLEU and chrF need the texts only: no per-step softmax normaliser
      DecodingOptions options = decoding.options().withScores(false);
      org.nmt4j.cli.FlagValues.require(spec.commandLine(), options.samples() == 1,
          "--n-samples " + options.samples() + ": evaluate scores one translation per sentence; "
              + "use translate --n-samples to draw several");
      AlignedLines lines = AlignedLines.read(source, reference);
      Translator translator = shortlist.apply(Translator.load(models, quantize.value()));
      long t0 = System.nanoTime();
      List<Translation> translations = translator.translate(lines.hypotheses(), options);
      double seconds = (System.nanoTime() - t0) / 1e9;
      hypotheses = new ArrayList<>(translations.size());
      for (Translation t : translations) {
        hypotheses.add(t.text());
      }
      if (output != null) {
        List<String> written = hypotheses;
        AtomicFiles.writeUtf8(output, w -> {
          for (String h : written) {
            w.write(h);
            w.write('\n');
          }
        });
      }
      references = lines.referenceStreams();
      ScoreReport score = translator.score(lines.hypotheses(), lines.references());
      perplexity = score.perplexity();
      spec.commandLine().getErr().printf(Locale.ROOT, "translated %d sentences in %.1f s (%.1f sentences/s)%n",
          hypotheses.size(), seconds, hypotheses.size() / Math.max(seconds, 1e-9));
    }
    out.println(new Bleu(bleuOptions).corpusScore(hypotheses, references).format());
    out.println(new Chrf(chrfOptions).corpusScore(hypotheses, references).format());
    out.println(RepeatedWordPairs.format(hypotheses, references.get(0)));
    if (perplexity != null) {
      out.printf(Locale.ROOT, "perplexity = %.2f%n", perplexity);
    }
    out.flush();
    return 0;
  }
}
