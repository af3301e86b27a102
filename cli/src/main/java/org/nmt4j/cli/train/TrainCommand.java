package org.nmt4j.cli.train;

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
 * checkpoint, training resumes from it, provided the data files (recorded in {@code data-files.tsv}) and the data
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

  @Mixin ModelTrainingFlags flags;

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

  /** The flags that were given, as config overrides named by their flag. */
  private List<ConfigOverride> overrides() {
    List<ConfigOverride> o = new ArrayList<>();
    flags.addOverrides(o);
    dataFlags.addOverrides(o);
    return o;
  }

  /** The data files, by flag, that a resumed run must be given again. */
  private Map<String, Path> dataFiles() {
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("--train-src", trainSource);
    inputs.put("--train-tgt", trainTarget);
    inputs.put("--valid-src", validSource);
    inputs.put("--valid-tgt", validTarget);
    return inputs;
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
}
