package org.nmt4j.cli.lm;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.LoggingOptions;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.translator.run.TrainingCsvLog;
import org.nmt4j.cli.train.TrainingPlot;
import org.nmt4j.cli.train.TrainingProgress;
import org.nmt4j.lm.data.LmText;
import org.nmt4j.lm.model.LmConfig;
import org.nmt4j.lm.train.LmTrainer;
import org.nmt4j.lm.train.LmTrainingConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.recurrent.CellType;
import org.nmt4j.tokenization.Tokenizers;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.train.TrainingLog;
import org.nmt4j.translator.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nmt4j lm train}: a stacked RNN language model trained with truncated BPTT. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an RNN language model on a continuous text with truncated BPTT.",
      "Writes model.nmt4j (best on validation), checkpoint.zip, " + TrainingCsvLog.FILE + " and "
          + TrainingPlot.FILE + " to --out-dir; run it again to resume after an interruption."
    })
public final class LmTrainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(LmTrainCommand.class);

  @ParentCommand LmCommand parent;
  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(names = "--text", required = true, paramLabel = "FILE", description = "Training text (UTF-8).")
  Path text;

  @Option(names = "--valid-text", paramLabel = "FILE",
      description = "Validation text (default: the last --valid-fraction of --text's tokens).")
  Path validText;

  @Option(names = "--valid-fraction", defaultValue = "0.1", paramLabel = "F",
      description = "Share of --text held out for validation without --valid-text (default: ${DEFAULT-VALUE}).")
  double validFraction;

  @Option(names = "--tokenizer", defaultValue = "char", paramLabel = "SPEC",
      description = "char (default), whitespace or lucene[,lang=xx], as in 'nmt4j vocab'.")
  String tokenizer;

  @Option(names = "--bpe-merges", defaultValue = "0", paramLabel = "N",
      description = "Learn N BPE merges on the training text after a word tokenizer (0: none; default: ${DEFAULT-VALUE}).")
  int bpeMerges;

  @Option(names = "--cell", defaultValue = "lstm", paramLabel = "CELL",
      description = "lstm (default), gru or rnn.")
  String cell;

  @Option(names = "--layers", defaultValue = "2", description = "Stacked layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--hidden", defaultValue = "256", description = "Hidden width (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--embedding", defaultValue = "64", description = "Embedding width (default: ${DEFAULT-VALUE}).")
  int embedding;

  @Option(names = "--dropout", defaultValue = "0", description = "Dropout between layers (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--bptt", defaultValue = "64", paramLabel = "K",
      description = "Truncated-BPTT length in tokens (default: ${DEFAULT-VALUE}).")
  int bptt;

  @Option(names = "--batch-size", defaultValue = "32", description = "Parallel streams (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--max-steps", defaultValue = "0", description = "Stop after N steps (0: --epochs; default: ${DEFAULT-VALUE}).")
  long maxSteps;

  @Option(names = "--epochs", defaultValue = "10", description = "Passes over the text (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--max-minutes", defaultValue = "0",
      description = "Stop after this much training in this session, with a checkpoint (0: no limit; default: ${DEFAULT-VALUE}).")
  double maxMinutes;

  @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--clip", defaultValue = "5", description = "Global gradient-norm clip, 0 for none (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of weights and dropout (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--valid-every", defaultValue = "200", description = "Validate every N steps (default: ${DEFAULT-VALUE}).")
  int validEvery;

  @Option(names = "--checkpoint-every", defaultValue = "200", description = "Checkpoint every N steps (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Output directory.")
  Path outDir;

  /** The training and validation tokens. */
  record Split(List<String> train, List<String> valid) {}

  /** The text of a run: tokenizer, BPE, vocabulary, and the two streams' ids (valid: null if too short). */
  record Prepared(LmText text, int[] train, int[] valid) {}

  /** Tokenizes and splits, learns BPE on the training part, builds the vocabulary. */
  static Prepared prepare(picocli.CommandLine cl, TokenizerSpec spec, Path text, Path validText,
      double fraction, int bpeMerges) {
    FlagValues.require(cl, bpeMerges >= 0 && bpeMerges <= 1_000_000,
        "--bpe-merges must be in [0, 1000000], got " + bpeMerges);
    FlagValues.require(cl, bpeMerges == 0 || !spec.kind().equals(TokenizerSpec.CHAR),
        "--bpe-merges needs a word tokenizer (whitespace or lucene), not char");
    Split split = split(spec, text, validText, fraction);
    org.nmt4j.tokenization.bpe.BpeCodec bpe = bpeMerges > 0
        ? LmText.learnBpe(split.train(), bpeMerges) : null;
    List<String> train = LmText.applyBpe(bpe, split.train());
    List<String> valid = LmText.applyBpe(bpe, split.valid());
    LmText lm = LmText.build(spec, bpe, train);
    return new Prepared(lm, lm.ids(train), valid.size() >= 2 ? lm.ids(valid) : null);
  }

  /**
   * The token streams of a run: --text and --valid-text, or the first (1 - fraction) of
   * --text's tokens and the rest.
   */
  static Split split(TokenizerSpec spec, Path text, Path validText, double fraction) {
    List<String> all = LmText.readTokens(Tokenizers.create(spec), text);
    if (validText != null) {
      return new Split(all, LmText.readTokens(Tokenizers.create(spec), validText));
    }
    int cut = (int) Math.round(all.size() * (1 - fraction));
    return new Split(new ArrayList<>(all.subList(0, cut)), new ArrayList<>(all.subList(cut, all.size())));
  }

  @Override
  public Integer call() throws Exception {
    var cl = spec.commandLine();
    LmConfig config = FlagValues.check(cl, () -> new LmConfig(CellType.of("--cell", cell), layers,
        hidden, embedding, dropout));
    LmTrainingConfig training = FlagValues.check(cl, () -> new LmTrainingConfig(batchSize, bptt,
        maxSteps, epochs, lr, clip, seed, validEvery, checkpointEvery, 32, maxMinutes));
    TokenizerSpec tokSpec = FlagValues.check(cl, () -> TokenizerSpec.parse(tokenizer));
    FlagValues.require(cl, validFraction > 0 && validFraction < 1,
        "--valid-fraction must be in (0, 1), got " + validFraction);
    OutputPaths paths = OutputPaths.of(cl).input("--text", text);
    if (validText != null) {
      paths.input("--valid-text", validText);
    }
    paths.requireDistinctIn("--out-dir", outDir, List.of(LmTrainer.MODEL_FILE,
        LmTrainer.CHECKPOINT_FILE, TrainingCsvLog.FILE, TrainingPlot.FILE));
    PrintWriter out = cl.getOut();
    PrintWriter err = cl.getErr();
    java.nio.file.Files.createDirectories(outDir);
    AtomicFiles.removeStale(outDir);
    logging.apply(err, parent != null && parent.verbose());

    Prepared prepared = prepare(cl, tokSpec, text, validText, validFraction, bpeMerges);
    LmText lmText = prepared.text();
    int[] train = prepared.train();
    int[] valid = prepared.valid();
    String summary = String.format(Locale.ROOT,
        "text: %,d training and %,d validation tokens, vocabulary %d",
        train.length, valid == null ? 0 : valid.length, lmText.vocabulary().size());
    LOG.info(summary);
    if (!logging.quiet()) {
      err.println(summary);
      err.flush();
    }

    Path csv = outDir.resolve(TrainingCsvLog.FILE);
    TrainingResult r;
    try (TrainingCsvLog log = new TrainingCsvLog(csv);
        TrainingProgress progress = logging.quiet() ? null
            : new TrainingProgress(err, parent != null && parent.verbose())) {
      TrainingPlot plot = new TrainingPlot(outDir.resolve(TrainingPlot.FILE), csv);
      TrainingLog lines = new TrainingLog(outDir);
      LmTrainer trainer = new LmTrainer(config, training, lmText, InitConfig.defaults(),
          progress == null ? List.of(log, lines, plot) : List.of(log, lines, progress, plot));
      r = trainer.train(train, valid, outDir);
    }
    if (r.reason() == TrainingResult.StopReason.ALREADY_COMPLETE) {
      out.printf(Locale.ROOT, "the run in %s is complete (%d steps); nothing to do%n", outDir, r.steps());
    } else {
      double nats = Math.log(r.bestValue());
      out.printf(Locale.ROOT, "trained %d steps (%d epochs) in %.0f s, %.0f tokens/s;"
          + " best validation %.4f nats/token, %.4f bits/token (ppl %.3f) at step %d; model: %s%n",
          r.steps(), r.epochs(), r.trainSeconds(),
          (double) r.steps() * batchSize * bptt / Math.max(1e-9, r.trainSeconds()), nats,
          nats / Math.log(2), r.bestValue(), r.bestStep(), r.modelFile());
    }
    out.flush();
    return 0;
  }
}
