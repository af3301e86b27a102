package org.nmt4j.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.LoggingOptions;
import org.nmt4j.cli.Nmt4jCommand;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.spark.SparkSettings;
import org.nmt4j.spark.SparkTraining;
import org.nmt4j.spark.WorkersRecord;
import org.nmt4j.spark.input.CorpusInputs;
import org.nmt4j.translator.config.CorpusConfig;
import org.nmt4j.translator.config.DataConfig;
import org.nmt4j.translator.data.DataPreparation;
import org.nmt4j.translator.data.TrainCorpus;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.run.RunDirectory;
import org.nmt4j.translator.run.RunInput;
import org.nmt4j.translator.run.TrainingCsvLog;
import org.nmt4j.translator.run.TrainingRun;
import org.nmt4j.translator.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>A corpus file may be a URI ({@code hdfs://}, {@code s3a://}, {@code file://}, any scheme
 * with a Hadoop file system), read through Hadoop ({@link CorpusFiles}): with {@code --spark}
 * with the Spark context's Hadoop configuration, so the corpora are checked once Spark has
 * started; without, with Hadoop's defaults.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    resourceBundle = "org.nmt4j.cli.train.ConfigDefaults",
    sortOptions = false,
    description = {
      "Train a seq2seq model (BiLSTM encoder, seeded LSTM decoder) on parallel text.",
      "Writes to --out-dir: model.nmt4j (best on validation, else latest), checkpoint.zip, "
          + "config.yaml, vocabularies, BPE merges, " + TrainingCsvLog.FILE + " and "
          + TrainingPlot.FILE + ". Resumes automatically from a checkpoint in --out-dir."
    })
public final class TrainCommand implements Callable<Integer>, org.nmt4j.cli.ConfigDump.Dumps {
  /** The files train writes into the output directory (checked against the inputs). */
  static final List<String> WRITTEN = Stream.concat(RunDirectory.FILES.stream(),
      Stream.of(TrainingPlot.FILE, WorkersRecord.FILE)).toList();

  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  @Spec CommandSpec spec;

  @ParentCommand Nmt4jCommand root;

  @Option(names = "--train-src", paramLabel = "FILE", description = "Training source text, one sentence per line (.gz ok); or give --tsv, --tmx, --train or data.train in the config. A URI (hdfs://, s3a://, file://) is read through Hadoop.")
  String trainSource;

  @Option(names = "--train-tgt", paramLabel = "FILE", description = "Training target text, line-aligned with --train-src.")
  String trainTarget;

  @Mixin TrainCorpusFlags corpusFlags;

  @Option(names = "--valid", paramLabel = "CORPUS", description = "Validation corpus in --train's form (two aligned files or a .tsv/.tmx file), instead of --valid-src/--valid-tgt.")
  String valid;

  @Option(names = "--valid-src", paramLabel = "FILE", description = "Validation source text (enables validation, best-model keeping and early stopping).")
  String validSource;

  @Option(names = "--valid-tgt", paramLabel = "FILE", description = "Validation target text.")
  String validTarget;

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

  @Mixin LoggingOptions logging;

  @Mixin PrecisionFlag precision;

  @Option(names = "--spark", paramLabel = "MASTER",
      description = "Train on Apache Spark: synchronous data-parallel, each batch split into "
          + "--workers equal shares (local[N], spark://HOST:PORT, yarn, k8s://https://HOST:PORT) (default: none: train in this JVM).")
  String sparkMaster;

  @Option(names = "--workers", paramLabel = "N",
      description = "With --spark: workers (corpus shards, tasks per step); the batch size must "
          + "be a multiple of it (default: Spark's default parallelism).")
  Integer workers;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean verbose = root != null && root.verbose();
    FlagValues.require(spec.commandLine(), (validSource == null) == (validTarget == null),
        "--valid-src and --valid-tgt must be given together");
    FlagValues.require(spec.commandLine(), (trainSource == null) == (trainTarget == null),
        "--train-src and --train-tgt must be given together");
    FlagValues.require(spec.commandLine(), valid == null || validSource == null,
        "give --valid or --valid-src/--valid-tgt, not both");
    List<CorpusConfig> flagCorpora = FlagValues.check(spec.commandLine(),
        () -> corpusFlags.corpora(trainSource, trainTarget));
    CorpusConfig validCorpus = valid == null ? null
        : FlagValues.check(spec.commandLine(), () -> parseValid(valid));
    if (validCorpus == null && validSource != null) {
      validCorpus = FlagValues.check(spec.commandLine(),
          () -> CorpusFiles.aligned(validSource, validTarget));
    }
    requireDistinct(flagCorpora, validCorpus);
    if (root != null && root.dumpConfig()) {
      // the config this run would train with, without touching --out-dir
      Path savedFile = outDir.resolve(RunDirectory.CONFIG_FILE);
      ExperimentConfig from = configFile != null ? ConfigYaml.read(configFile)
          : java.nio.file.Files.isRegularFile(savedFile) ? ConfigYaml.read(savedFile)
          : ExperimentConfig.defaults();
      out.print(ConfigYaml.toYaml(FlagValues.check(spec.commandLine(),
          () -> ConfigYaml.override(from, overrides(flagCorpora)))));
      out.flush();
      return 0;
    }
    FlagValues.require(spec.commandLine(), workers == null || sparkMaster != null,
        "--workers needs --spark MASTER");
    SparkSettings sparkSettings = sparkMaster == null ? null : FlagValues.check(
        spec.commandLine(), () -> new SparkSettings(sparkMaster, workers == null ? 0 : workers));
    FlagValues.require(spec.commandLine(), workers == null || workers >= 1,
        "--workers must be >= 1, got " + workers);
    FlagValues.require(spec.commandLine(), sparkSettings == null || !precision.bf16(),
        "--precision bf16 is not available with --spark (workers in other JVMs would train "
        + "in float32)");
    precision.apply(spec.commandLine());
    RunDirectory dir = RunDirectory.open(outDir, reset, List.of(TrainingPlot.FILE,
        WorkersRecord.FILE), line -> {
      // data preparation and run directory messages: on the console, and in the --log file
      LOG.info(line);
      if (!logging.quiet()) {
        err.println(line);
        err.flush();
      }
    });
    // without --config, a resumed run keeps the interrupted run's settings, so that only
    // changed flags need repeating
    Path saved = configFile == null ? dir.savedConfig() : null;
    ExperimentConfig base = configFile != null ? ConfigYaml.read(configFile)
        : saved != null ? ConfigYaml.read(saved) : ExperimentConfig.defaults();
    // a flag's value out of range is a bad command line (exit 2), named by its flag
    ExperimentConfig config = FlagValues.check(spec.commandLine(),
        () -> ConfigYaml.override(base, overrides(flagCorpora)));
    List<CorpusConfig> corpora = config.data().train();
    FlagValues.require(spec.commandLine(), !corpora.isEmpty(), "give the training data: "
        + "--train-src F --train-tgt F, --tsv F, --tmx F, --train CORPUS, or data.train in --config");
    if (flagCorpora.isEmpty()) {
      requireDistinct(corpora, validCorpus);
    }
    if (sparkSettings != null) {
      FlagValues.require(spec.commandLine(), corpora.size() == 1, "--spark trains on one "
          + "training corpus, got " + corpora.size() + " (weighted mixing is not distributed)");
    }
    // without Spark, URIs are read through Hadoop with its default configuration; with Spark,
    // through the context's, so the corpora are checked once it has started
    CorpusFiles standalone = sparkSettings != null ? null
        : new CorpusFiles(spec.commandLine(), CorpusInputs.standalone());
    if (standalone != null) {
      checkDataAndResume(dir, config, saved != null, corpora, validCorpus, standalone);
    }
    logging.apply(err, verbose);
    if (sparkSettings == null) {
      checkResumable(0);
    }
    try (SparkTraining spark = sparkSettings == null ? null : SparkTraining.start(sparkSettings);
        TrainingProgress progress = new TrainingProgress(err, verbose)) {
      CorpusFiles files = spark == null ? standalone
          : new CorpusFiles(spec.commandLine(), spark.inputs());
      if (spark != null) {
        checkDataAndResume(dir, config, saved != null, corpora, validCorpus, files);
      }
      DataConfig dataConfig = config.data();
      List<TrainCorpus> trainCorpora = new ArrayList<>();
      for (CorpusConfig c : corpora) {
        trainCorpora.add(new TrainCorpus(files.spec(c, dataConfig), c.effectiveWeight()));
      }
      CorpusSpec validSpec = validCorpus == null ? null : files.spec(validCorpus, dataConfig);
      if (spark != null) {
        checkResumable(spark.workers());
        FlagValues.check(spec.commandLine(), () -> spark.checkBatchSize(config));
      }
      RunInput input = FlagValues.check(spec.commandLine(), () -> new RunInput(config,
          trainCorpora, validSpec, logging.quiet()
              ? List.of(new TrainingPlot(outDir.resolve(TrainingPlot.FILE), dir.csvLog()))
              : List.of(firstStepTimer(started, err),
                  new TrainingPlot(outDir.resolve(TrainingPlot.FILE), dir.csvLog()), progress)));
      TrainingRun run = TrainingRun.prepare(dir, input);
      report(spark == null ? run.train() : spark.train(run),
          run.data().trainingData().hasValidation(), out);
    }
    return 0;
  }

  /**
   * Checks, before any data is prepared, that the corpora are readable (URIs: through Hadoop) and
   * the same as those of a checkpoint in {@code dir}, and that its settings allow resuming.
   */
  private static void checkDataAndResume(RunDirectory dir, ExperimentConfig config, boolean savedConfig,
      List<CorpusConfig> corpora, CorpusConfig valid, CorpusFiles files)
      throws java.io.IOException {
    dir.requireSameData(files.checked(corpora, valid));
    dir.checkResumable(config, savedConfig);
  }

  /**
   * Refuses, before any data is prepared, to resume a checkpoint made with another number of
   * Spark workers (0: without Spark): the workers decide the batches.
   */
  private void checkResumable(int sparkWorkers) throws java.io.IOException {
    try {
      WorkersRecord.checkResumable(outDir, sparkWorkers);
    } catch (IllegalArgumentException e) {
      FlagValues.require(spec.commandLine(), false, e.getMessage());
    }
  }

  /** Prints, once, how long the first step took to come: what a large corpus costs first. */
  private static TrainingListener firstStepTimer(long started, PrintWriter err) {
    return new TrainingListener() {
      private boolean stepped;

      @Override
      public void onStep(StepStats stats) {
        if (!stepped) {
          stepped = true;
          err.printf(Locale.ROOT, "first step done %.1f s after start%n",
              (System.nanoTime() - started) / 1e9);
          err.flush();
        }
      }
    };
  }

  /** The flags that were given, as config overrides named by their flag. */
  private List<ConfigOverride> overrides(List<CorpusConfig> flagCorpora) {
    List<ConfigOverride> o = new ArrayList<>();
    if (!flagCorpora.isEmpty()) {
      o.add(new ConfigOverride("data.train", flagCorpora, "--train"));
    }
    flags.addOverrides(o);
    dataFlags.addOverrides(o);
    return o;
  }

  /** Refuses an output file that is one of the inputs (exit 2), before anything is written. */
  private void requireDistinct(List<CorpusConfig> corpora, CorpusConfig validCorpus) {
    List<String> written = new ArrayList<>(WRITTEN);
    for (int k = 1; k <= Math.max(1, corpora.size()); k++) {
      written.add(DataPreparation.encodedFile(k));
    }
    OutputPaths paths = OutputPaths.of(spec.commandLine()).input("--config", configFile);
    CorpusFiles.localFiles(corpora, validCorpus).forEach(paths::input);
    if (logging.logFile() != null) {
      paths.requireDistinct("--log", logging.logFile());
    }
    paths.requireDistinctIn("--out-dir", outDir, written);
  }

  private static CorpusConfig parseValid(String text) {
    try {
      return CorpusConfig.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^--train ", "--valid "), e);
    }
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
