package org.nmt4j.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.Nmt4jCommand;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.run.DataFiles;
import org.nmt4j.translator.run.RunDirectory;
import org.nmt4j.translator.run.RunInput;
import org.nmt4j.translator.run.TrainingCsvLog;
import org.nmt4j.translator.run.TrainingRun;
import org.nmt4j.translator.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j train}: trains a model on aligned text files and writes {@code OUT/model.nmt4j};
 * the run itself is a {@link TrainingRun} in a {@link RunDirectory}, to which this command adds
 * the plot and the progress bar.
 *
 * <p>Settings come from the defaults, then the {@code --config} YAML file, then the flags (a flag
 * wins); when resuming without {@code --config}, the saved {@code OUT/config.yaml} replaces the
 * defaults. The effective config is saved as {@code OUT/config.yaml} once training starts. When {@code OUT} holds a
 * checkpoint, training resumes from it, provided the data files ({@link DataFiles}) and the data
 * and model settings are the checkpoint's; {@code --reset} deletes the earlier run's files to
 * start afresh.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a seq2seq model (BiLSTM encoder, seeded LSTM decoder) on parallel text.",
      "Writes to --out-dir: model.nmt4j (best on validation, else latest), checkpoint.zip, "
          + "config.yaml, vocabularies, BPE merges, " + TrainingCsvLog.FILE + " and "
          + TrainingPlot.FILE + ". Resumes automatically from a checkpoint in --out-dir."
    })
public final class TrainCommand implements Callable<Integer> {
  /** The files train writes into the output directory (checked against the inputs). */
  static final List<String> WRITTEN = Stream.concat(RunDirectory.FILES.stream(),
      Stream.of(TrainingPlot.FILE)).toList();

  @Spec CommandSpec spec;

  @ParentCommand Nmt4jCommand root;

  @Option(names = "--train-src", required = true, paramLabel = "FILE", description = "Training source text, one sentence per line (.gz ok).")
  Path trainSource;

  @Option(names = "--train-tgt", required = true, paramLabel = "FILE", description = "Training target text, line-aligned with --train-src.")
  Path trainTarget;

  @Option(names = "--valid-src", paramLabel = "FILE", description = "Validation source text (enables validation, best-model keeping and early stopping).")
  Path validSource;

  @Option(names = "--valid-tgt", paramLabel = "FILE", description = "Validation target text.")
  Path validTarget;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Output directory.")
  Path outDir;

  @Option(names = "--config", paramLabel = "YAML", description = "Experiment config (sections data, model, training); flags override it.")
  Path configFile;

  @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N steps (alone: no epoch limit).")
  Long maxSteps;

  @Option(names = "--epochs", paramLabel = "N", description = "Stop after N epochs (alone: no step limit).")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of initialisation, data order and dropout.")
  Long seed;

  @Option(names = "--emb", paramLabel = "N", description = "Embedding size of both sides.")
  Integer embedding;

  @Option(names = "--hidden", paramLabel = "N", description = "Hidden size (encoder per direction, and decoder).")
  Integer hidden;

  @Option(names = "--enc-layers", paramLabel = "N", description = "Bidirectional encoder layers.")
  Integer encoderLayers;

  @Option(names = "--dec-layers", paramLabel = "N", description = "Decoder layers (at most --enc-layers).")
  Integer decoderLayers;

  @Option(names = "--dropout", paramLabel = "X", description = "Dropout of encoder and decoder.")
  Double dropout;

  @Option(names = "--label-smoothing", paramLabel = "X",
      description = "Train against (1-X) onehot + X/V instead of the one-hot target (0: off).")
  Double labelSmoothing;

  @Option(names = "--embedding-dropout", paramLabel = "X",
      description = "Dropout on the source and target embeddings during training (0: off; "
          + "model.encoder.embedding-dropout and model.decoder.embedding-dropout).")
  Double embeddingDropout;

  @Option(names = "--keep-checkpoints", paramLabel = "N",
      description = "Also keep the last N checkpoints as checkpoint-<step>.zip (for nmt4j average).")
  Integer keepCheckpoints;

  @Option(names = "--cell", paramLabel = "CELL",
      description = "Recurrent cell of encoder and decoder: lstm, gru or rnn (tanh Elman); "
          + "model.encoder.cell and model.decoder.cell.")
  String cell;

  @Option(names = "--enc-cell", paramLabel = "CELL",
      description = "Recurrent cell of the encoder (overrides --cell): lstm, gru or rnn.")
  String encoderCell;

  @Option(names = "--dec-cell", paramLabel = "CELL",
      description = "Recurrent cell of the decoder (overrides --cell): lstm, gru or rnn.")
  String decoderCell;

  @Option(names = "--source-context", negatable = true,
      description = "Feed the source summary to every decoder step and to the output layer "
          + "(Cho et al. 2014; model.decoder.source-context).")
  Boolean sourceContext;

  @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate.")
  Double learningRate;

  @Option(names = "--batch-size", paramLabel = "N", description = "Sentence pairs per batch.")
  Integer batchSize;

  @Option(names = "--token-budget", paramLabel = "N", description = "Batch by padded tokens instead of sentences.")
  Integer tokenBudget;

  @Option(names = "--clip", paramLabel = "X", description = "Largest global gradient norm (0: no clipping).")
  Double clip;

  @Option(names = "--valid-every", paramLabel = "N", description = "Validate every N steps (and at each epoch end).")
  Integer validEvery;

  @Option(names = "--patience", paramLabel = "N", description = "Early stopping after N validations without improvement (0: off).")
  Integer patience;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint every N steps (and at the end).")
  Integer checkpointEvery;

  @Option(names = "--valid-metric", paramLabel = "METRIC", description = "Metric of best model, learning-rate decay and early stopping: ppl (validation perplexity) or bleu (BLEU of greedy translations of the validation set).")
  String validMetric;

  @Option(names = "--valid-bleu-sentences", paramLabel = "N", description = "With --valid-metric bleu: translate a fixed, seeded sample of at most N validation sentences (0: all).")
  Integer validBleuSentences;

  @Option(names = "--reset",
      description = "Start afresh: delete what an earlier run wrote to --out-dir (checkpoints, "
          + "model, log, plot, config, vocabularies, merges) instead of resuming from it.")
  boolean reset;

  @Mixin DataFlags dataFlags;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FlagValues.require(spec.commandLine(), (validSource == null) == (validTarget == null),
        "--valid-src and --valid-tgt must be given together");
    OutputPaths.of(spec.commandLine()).input("--train-src", trainSource)
        .input("--train-tgt", trainTarget).input("--valid-src", validSource)
        .input("--valid-tgt", validTarget).input("--config", configFile)
        .requireDistinctIn("--out-dir", outDir, WRITTEN);
    RunDirectory dir = RunDirectory.open(outDir, reset, dataFiles(),
        List.of(TrainingPlot.FILE), line -> {
          err.println(line);
          err.flush();
        });
    // without --config, a resumed run keeps the interrupted run's settings, so that only
    // changed flags need repeating
    Path saved = configFile == null ? dir.savedConfig() : null;
    ExperimentConfig base = configFile != null ? ConfigYaml.read(configFile)
        : saved != null ? ConfigYaml.read(saved) : ExperimentConfig.defaults();
    // a flag's value out of range is a bad command line (exit 2), named by its flag
    ExperimentConfig config =
        FlagValues.check(spec.commandLine(), () -> ConfigYaml.override(base, overrides()));
    dir.checkResumable(config, saved != null);
    boolean verbose = root != null && root.verbose();
    try (TrainingProgress progress = new TrainingProgress(err, verbose)) {
      RunInput input = FlagValues.check(spec.commandLine(), () -> new RunInput(config,
          CorpusSpec.aligned(trainSource, trainTarget),
          validSource == null ? null : CorpusSpec.aligned(validSource, validTarget),
          List.of(new TrainingPlot(outDir.resolve(TrainingPlot.FILE), dir.csvLog()), progress)));
      TrainingRun run = TrainingRun.prepare(dir, input);
      report(run.train(), run.data().trainingData().hasValidation(), out);
    }
    return 0;
  }

  /** The data files, by flag, that a resumed run must be given again. */
  private DataFiles dataFiles() throws IOException {
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("--train-src", trainSource);
    inputs.put("--train-tgt", trainTarget);
    inputs.put("--valid-src", validSource);
    inputs.put("--valid-tgt", validTarget);
    return DataFiles.of(inputs);
  }

  /** Prints how training ended and where the model is. */
  private void report(TrainingResult r, boolean validated, PrintWriter out) {
    if (r.reason() == TrainingResult.StopReason.ALREADY_COMPLETE) {
      out.printf(Locale.ROOT, "training in %s is already complete (step %d, epoch %d): "
          + "nothing to do; raise --max-steps or --epochs to train on, or --reset to start "
          + "afresh%n", outDir, r.steps(), r.epochs());
      if (r.modelFile() != null) {
        out.println("model: " + r.modelFile());
      }
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "stopped after %d steps (%s), epoch %d; %.1f s in training steps; "
            + "gradients clipped at %d steps%n", r.steps(),
        r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.epochs(),
        r.trainSeconds(), r.clippedSteps());
    if (validated) {
      out.printf(Locale.ROOT, "best validation %s %.3f at step %d%n", r.metric(), r.bestValue(),
          r.bestStep());
    }
    out.println("model: " + r.modelFile());
    out.flush();
  }

  /** The flags that were given, as config overrides named by their flag. */
  private List<ConfigOverride> overrides() {
    List<ConfigOverride> o = new ArrayList<>();
    if (maxSteps != null) {
      o.add(new ConfigOverride("training.max-steps", maxSteps, "--max-steps"));
      if (epochs == null) {
        o.add(new ConfigOverride("training.epochs", 0, "--max-steps"));
      }
    }
    if (epochs != null) {
      o.add(new ConfigOverride("training.epochs", epochs, "--epochs"));
      if (maxSteps == null) {
        o.add(new ConfigOverride("training.max-steps", 0, "--epochs"));
      }
    }
    add(o, "training.seed", seed, "--seed");
    add(o, "model.encoder.embedding", embedding, "--emb");
    add(o, "model.decoder.embedding", embedding, "--emb");
    add(o, "model.encoder.hidden", hidden, "--hidden");
    add(o, "model.decoder.hidden", hidden, "--hidden");
    add(o, "model.encoder.cell", cell, "--cell");
    add(o, "model.decoder.cell", cell, "--cell");
    add(o, "model.encoder.cell", encoderCell, "--enc-cell");
    add(o, "model.decoder.cell", decoderCell, "--dec-cell");
    add(o, "model.encoder.layers", encoderLayers, "--enc-layers");
    add(o, "model.decoder.layers", decoderLayers, "--dec-layers");
    add(o, "model.encoder.dropout", dropout, "--dropout");
    add(o, "model.decoder.dropout", dropout, "--dropout");
    add(o, "model.decoder.source-context", sourceContext,
        Boolean.FALSE.equals(sourceContext) ? "--no-source-context" : "--source-context");
    add(o, "training.learning-rate", learningRate, "--lr");
    add(o, "training.batch-size", batchSize, "--batch-size");
    add(o, "training.token-budget", tokenBudget, "--token-budget");
    add(o, "training.clip-norm", clip, "--clip");
    add(o, "training.valid-every", validEvery, "--valid-every");
    add(o, "training.early-stopping-patience", patience, "--patience");
    add(o, "training.checkpoint-every", checkpointEvery, "--checkpoint-every");
    add(o, "training.keep-checkpoints", keepCheckpoints, "--keep-checkpoints");
    add(o, "training.label-smoothing", labelSmoothing, "--label-smoothing");
    add(o, "model.encoder.embedding-dropout", embeddingDropout, "--embedding-dropout");
    add(o, "model.decoder.embedding-dropout", embeddingDropout, "--embedding-dropout");
    add(o, "training.valid-metric", validMetric, "--valid-metric");
    add(o, "training.valid-bleu-sentences", validBleuSentences, "--valid-bleu-sentences");
    dataFlags.addOverrides(o);
    return o;
  }

  private static void add(List<ConfigOverride> o, String path, Object value, String flag) {
    DataFlags.add(o, path, value, flag);
  }
}
