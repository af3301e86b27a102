package org.nmt4j.cli.inspect;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.lm.LanguageModel;
import org.nmt4j.lm.inspect.CellActivations;
import org.nmt4j.lm.inspect.CellCorrelations;
import org.nmt4j.lm.inspect.CellViewPage;
import org.nmt4j.lm.inspect.TextFeatures;
import org.nmt4j.lm.io.LmModelFile;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.tokenization.io.Utf8LineReader;
import org.nmt4j.translator.io.TrainedModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j inspect cells}: colours a text by chosen cells' activations, or finds the cells
 * most correlated with simple text features.
 */
@Command(
    name = "cells",
    mixinStandardHelpOptions = true,
    description = {
      "Write an HTML page that colours a text by the activations of chosen cells.",
      "Runs a language model (or a translation model's encoder or decoder, --side src|tgt) over a"
          + " text and writes"
          + " one self-contained HTML page colouring each token by chosen cells' activations"
          + " (c of an LSTM, h of a GRU or RNN).",
      "--top N picks the cells most correlated with: " + "inside quotes, inside parentheses,"
          + " parenthesis depth, position in line, start of word."
    })
public final class InspectCellsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
      description = "A language model, or a translation model with --side src|tgt.")
  Path model;

  @Option(names = "--text", required = true, paramLabel = "FILE", description = "UTF-8 text to run over.")
  Path text;

  @Option(names = "--layer", defaultValue = "0", description = "Layer, 0 the lowest (default: ${DEFAULT-VALUE}).")
  int layer;

  @Option(names = "--side", paramLabel = "src|tgt",
      description = "For a translation model: src (the encoder's forward direction over the"
          + " text), or tgt (the decoder while it translates the text greedily: each output token"
          + " coloured by the state that predicted it).")
  String side;

  static final class Choice {
    @Option(names = "--cells", split = ",", paramLabel = "i,j,k", description = "Cells to show.")
    List<Integer> cells;

    @Option(names = "--top", paramLabel = "N", description = "Show the N cells most correlated with a text feature (default 5).")
    Integer top;
  }

  @ArgGroup(exclusive = true)
  Choice choice;

  @Option(names = "--max-tokens", defaultValue = "5000", description = "Read at most N tokens (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML page to write.")
  Path output;

  @Override
  public Integer call() throws Exception {
    var cl = spec.commandLine();
    FlagValues.require(cl, maxTokens >= 1 && maxTokens <= 1_000_000,
        "--max-tokens must be in [1, 1000000], got " + maxTokens);
    int top = choice == null || choice.cells == null ? (choice == null || choice.top == null ? 5 : choice.top) : 0;
    FlagValues.require(cl, choice == null || choice.cells != null || top >= 1,
        "--top must be >= 1, got " + top);
    OutputPaths.of(cl).input("-m", model).input("--text", text).requireDistinct("-o", output);
    List<String> lines = Utf8LineReader.readAll(text, Utf8LineReader.LineEnding.TEXT);
    CellActivations a;
    String title;
    if (LmModelFile.isLanguageModel(model)) {
      FlagValues.require(cl, side == null, "--side is for translation models; " + model
          + " is a language model");
      a = FlagValues.check(cl, () -> CellActivations.of(LanguageModel.load(model), lines, layer, maxTokens));
      title = "Cells of " + model.getFileName() + " on " + text.getFileName();
    } else {
      FlagValues.require(cl, side != null, "--side src or tgt is needed for a translation model ("
          + model + " is not a language model)");
      FlagValues.require(cl, side.equals("src") || side.equals("tgt"),
          "--side must be src (the encoder) or tgt (the decoder), got '" + side + "'");
      TrainedModel tm = TrainedModel.load(model);
      if (side.equals("src")) {
        a = FlagValues.check(cl, () -> CellActivations.ofEncoder(tm, lines, layer, maxTokens));
        title = "Encoder cells (forward direction) of " + model.getFileName() + " on "
            + text.getFileName();
      } else {
        a = FlagValues.check(cl, () -> CellActivations.ofDecoder(tm, lines, layer, maxTokens));
        title = "Decoder cells of " + model.getFileName() + " translating " + text.getFileName();
      }
    }
    FlagValues.require(cl, a.tokens().size() >= 2, "--text " + text + " has fewer than 2 tokens");
    Map<String, double[]> features = TextFeatures.of(a.tokens());
    List<CellCorrelations.Match> best = CellCorrelations.best(a, features);
    List<CellViewPage.Shown> shown = new ArrayList<>();
    PrintWriter out = cl.getOut();
    if (top > 0) {
      for (CellCorrelations.Match m : CellCorrelations.top(a, features, top)) {
        shown.add(new CellViewPage.Shown(m.cell(), caption(m)));
        out.printf(Locale.ROOT, "cell %d: r = %+.3f with %s%n", m.cell(), m.r(), m.feature());
      }
    } else {
      for (int c : choice.cells) {
        FlagValues.require(cl, c >= 0 && c < a.cells(), "--cells: cell " + c + " is outside [0, "
            + (a.cells() - 1) + "]");
        CellCorrelations.Match m = best.get(c);
        shown.add(new CellViewPage.Shown(c, Double.isFinite(m.r()) ? caption(m) : ""));
      }
    }
    AtomicFiles.writeString(output, CellViewPage.html(title, a, shown));
    out.printf(Locale.ROOT, "wrote %s (%d cells, %d tokens)%n", output, shown.size(), a.tokens().size());
    out.flush();
    return 0;
  }

  private static String caption(CellCorrelations.Match m) {
    return String.format(Locale.ROOT, "r = %+.3f with %s", m.r(), m.feature());
  }
}
