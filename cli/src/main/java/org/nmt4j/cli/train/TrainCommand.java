package org.nmt4j.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.cli.Nmt4jCommand;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.CorpusConfig;
import org.nmt4j.translator.config.DataConfig;
import org.nmt4j.translator.data.TrainCorpus;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.DataPreparation;
import org.nmt4j.translator.data.PreparedData;
import org.nmt4j.translator.io.ModelFile;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.translator.train.BleuValidationScorer;
import org.nmt4j.translator.train.TrainableModel;
import org.nmt4j.translator.train.Trainer;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j train}: trains a model on aligned text files and writes {@code OUT/model.nmt4j}.
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
  /** The effective config's file name in the output directory. */
  static final String CONFIG_FILE = "config.yaml";

  /** The files train writes into the output directory (checked against the inputs). */
  static final List<String> WRITTEN = List.of(Trainer.MODEL_FILE, Trainer.CHECKPOINT_FILE,
      CONFIG_FILE, TrainingCsvLog.FILE, TrainingPlot.FILE, DataPreparation.SOURCE_VOCAB_FILE,
      DataPreparation.TARGET_VOCAB_FILE, DataPreparation.JOINT_MERGES_FILE,
      DataPreparation.SOURCE_MERGES_FILE, DataPreparation.TARGET_MERGES_FILE, DataFiles.FILE);

  @Spec CommandSpec spec;

  @ParentCommand Nmt4jCommand root;

  @Option(names = "--train-src", paramLabel = "FILE", description = "Training source text, one sentence per line (.gz ok); or give --tsv, --tmx, --train or data.train in the config.")
  Path trainSource;

  @Option(names = "--train-tgt", paramLabel = "FILE", description = "Training target text, line-aligned with --train-src.")
  Path trainTarget;

  @Mixin TrainCorpusFlags corpusFlags;

  @Option(names = "--valid", paramLabel = "CORPUS", description = "Validation corpus in --train's form (two aligned files or a .tsv/.tmx file), instead of --valid-src/--valid-tgt.")
  String valid;

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

  @Option(names = "--hidden", paramLabel = "N", description = "LSTM hidden size (encoder per direction, and decoder).")
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
      description = "Dropout on the source and target embeddings during training (0: off).")
  Double embeddingDropout;

  @Option(names = "--keep-checkpoints", paramLabel = "N",
      description = "Also keep the last N checkpoints as checkpoint-<step>.zip (for nmt4j average).")
  Integer keepCheckpoints;

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
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
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
      validCorpus = CorpusConfig.aligned(validSource, validTarget);
    }
    requireDistinct(flagCorpora, validCorpus);
    for (Path stale : AtomicFiles.removeStale(outDir)) {
      err.println("removed " + stale + " (left by an interrupted write)");
    }
    if (reset) {
      int removed = removeEarlierRun();
      err.println("--reset: removed " + removed + " file(s) of the earlier run in " + outDir);
    }
    Path saved = outDir.resolve(CONFIG_FILE);
    boolean resuming = Files.exists(outDir.resolve(Trainer.CHECKPOINT_FILE));
    ExperimentConfig config;
    if (configFile != null) {
      config = ConfigYaml.read(configFile);
    } else if (resuming && Files.exists(saved)) {
      // resuming without --config: the interrupted run's settings, so that only changed flags
      // need repeating
      config = ConfigYaml.read(saved);
    } else {
      config = ExperimentConfig.defaults();
    }
    ExperimentConfig base = config;
    // a flag's value out of range is a bad command line (exit 2), named by its flag
    config = FlagValues.check(spec.commandLine(),
        () -> ConfigYaml.override(base, overrides(flagCorpora)));
    List<CorpusConfig> corpora = config.data().train();
    FlagValues.require(spec.commandLine(), !corpora.isEmpty(), "give the training data: "
        + "--train-src F --train-tgt F, --tsv F, --tmx F, --train CORPUS, or data.train in --config");
    if (flagCorpora.isEmpty()) {
      requireDistinct(corpora, validCorpus);
    }
    DataConfig dataConfig = config.data();
    List<TrainCorpus> trainCorpora = new ArrayList<>();
    for (CorpusConfig c : corpora) {
      trainCorpora.add(new TrainCorpus(
          FlagValues.check(spec.commandLine(), () -> c.toSpec(dataConfig)), c.effectiveWeight()));
    }
    CorpusConfig finalValid = validCorpus;
    CorpusSpec validSpec = validCorpus == null ? null
        : FlagValues.check(spec.commandLine(), () -> finalValid.toSpec(dataConfig));
    DataFiles dataFiles = DataFiles.of(inputFiles(corpora, validCorpus));
    if (resuming) {
      String difference = dataFiles.firstDifference(outDir);
      if (difference != null) {
        throw new IllegalStateException(outDir.resolve(Trainer.CHECKPOINT_FILE)
            + " was trained on other data: " + difference
            + "; give the same data to resume, or --reset to start afresh");
      }
      err.println("found " + outDir.resolve(Trainer.CHECKPOINT_FILE) + ": resuming"
          + (configFile == null && Files.exists(saved) ? " with the settings of " + saved : ""));
      Trainer.checkResumable(outDir, config);
    }
    FlagValues.require(spec.commandLine(),
        !(config.training().validMetric().equals("bleu") && validCorpus == null),
        "training.valid-metric bleu needs validation data: give --valid-src and --valid-tgt");
    Files.createDirectories(outDir);
    PreparedData data = new DataPreparation(config.data(), line -> {
      err.println(line);
      err.flush();
    }).prepare(trainCorpora, validSpec, outDir, resuming);

    Seq2SeqModel model = Seq2SeqModel.initialise(config.model(),
        data.text().sourceVocabulary().size(), data.text().targetVocabulary().size(),
        DataType.FLOAT, config.training().seed());
    ExperimentConfig effective = config;
    Path csv = outDir.resolve(TrainingCsvLog.FILE);
    boolean verbose = root != null && root.verbose();
    try (TrainingCsvLog log = new TrainingCsvLog(csv);
        TrainingProgress progress = new TrainingProgress(err, verbose)) {
      Trainer.Builder builder =
          Trainer.builder(config, TrainableModel.of(model, config.training().regularisation()),
              data.trainingData());
      if (config.training().validMetric().equals("bleu")) {
        builder.validationScorer("bleu", bleuScorer(config, model, data, validSpec));
      }
      Trainer trainer = builder
          .outputDirectory(outDir)
          .modelWriter((file, step) ->
              ModelFile.write(file, effective, data.text(), model.parameters(), step))
          .listener(new TrainingListener() {
            private boolean stepped;

            @Override
            public void onStep(org.nmt4j.translator.train.StepStats stats) {
              if (!stepped) {
                stepped = true;
                // time to first step: what a large corpus costs before training starts
                err.printf(Locale.ROOT, "first step done %.1f s after start%n",
                    (System.nanoTime() - started) / 1e9);
                err.flush();
              }
            }

            @Override
            public void onStart(TrainingStart start) {
              // only now: a resume with clashing settings must not overwrite the saved config
              try {
                ConfigYaml.write(effective, saved);
                dataFiles.write(outDir);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          })
          .listener(log)
          .listener(new TrainingPlot(outDir.resolve(TrainingPlot.FILE), csv))
          .listener(progress)
          .build();
      TrainingResult r = trainer.train();
      if (r.reason() == TrainingResult.StopReason.ALREADY_COMPLETE) {
        out.printf(Locale.ROOT, "training in %s is already complete (step %d, epoch %d): "
            + "nothing to do; raise --max-steps or --epochs to train on, or --reset to start "
            + "afresh%n", outDir, r.steps(), r.epochs());
        if (r.modelFile() != null) {
          out.println("model: " + r.modelFile());
        }
        out.flush();
        return 0;
      }
      out.printf(Locale.ROOT, "stopped after %d steps (%s), epoch %d; %.1f s in training steps; "
              + "gradients clipped at %d steps%n", r.steps(),
          r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.epochs(),
          r.trainSeconds(), r.clippedSteps());
      if (data.trainingData().hasValidation()) {
        out.printf(Locale.ROOT, "best validation %s %.3f at step %d%n", r.metric(), r.bestValue(),
            r.bestStep());
      }
      out.println("model: " + r.modelFile());
      out.flush();
    }
    return 0;
  }

  /**
   * The input files by the flag (or config entry) that names them: the first corpus keeps the
   * names of its flags ({@code --train-src}, {@code --train-tgt}, {@code --tsv}, {@code --tmx}),
   * later ones are {@code --train K}.
   */
  private static Map<String, Path> inputFiles(List<CorpusConfig> corpora, CorpusConfig valid) {
    Map<String, Path> m = new LinkedHashMap<>();
    for (int k = 0; k < corpora.size(); k++) {
      CorpusConfig c = corpora.get(k);
      String prefix = k == 0 ? "" : "--train " + (k + 1) + " ";
      if (c.src() != null) {
        m.put(k == 0 ? "--train-src" : prefix + "source", Path.of(c.src()));
        m.put(k == 0 ? "--train-tgt" : prefix + "target", Path.of(c.tgt()));
      } else if (c.tsv() != null) {
        m.put(k == 0 ? "--tsv" : prefix + "file", Path.of(c.tsv()));
      } else {
        m.put(k == 0 ? "--tmx" : prefix + "file", Path.of(c.tmx()));
      }
    }
    if (valid != null && valid.src() != null) {
      m.put("--valid-src", Path.of(valid.src()));
      m.put("--valid-tgt", Path.of(valid.tgt()));
    } else if (valid != null) {
      m.put("--valid", valid.files().get(0));
    } else {
      m.put("--valid-src", null);
      m.put("--valid-tgt", null);
    }
    return m;
  }

  /** Refuses an output file that is one of the inputs (exit 2), before anything is written. */
  private void requireDistinct(List<CorpusConfig> corpora, CorpusConfig validCorpus) {
    List<String> written = new ArrayList<>(WRITTEN);
    for (int k = 1; k <= Math.max(1, corpora.size()); k++) {
      written.add(DataPreparation.encodedFile(k));
    }
    OutputPaths paths = OutputPaths.of(spec.commandLine()).input("--config", configFile);
    inputFiles(corpora, validCorpus).forEach(paths::input);
    paths.requireDistinctIn("--out-dir", outDir, written);
  }

  private static CorpusConfig parseValid(String text) {
    try {
      return CorpusConfig.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^--train ", "--valid "), e);
    }
  }

  /** Deletes the files an earlier run wrote to the output directory; returns how many. */
  private int removeEarlierRun() throws IOException {
    if (!Files.isDirectory(outDir)) {
      return 0;
    }
    List<Path> files = new ArrayList<>();
    for (String name : WRITTEN) {
      files.add(outDir.resolve(name));
    }
    try (var kept = Files.newDirectoryStream(outDir, "checkpoint-*.zip")) {
      kept.forEach(files::add);
    }
    try (var encoded = Files.newDirectoryStream(outDir, DataPreparation.ENCODED_GLOB)) {
      encoded.forEach(files::add);
    }
    int removed = 0;
    for (Path f : files) {
      if (Files.deleteIfExists(f)) {
        removed++;
      }
    }
    return removed;
  }

  /** Validation BLEU on the raw validation text, with the weights being trained. */
  private BleuValidationScorer bleuScorer(ExperimentConfig config, Seq2SeqModel model,
      PreparedData data, CorpusSpec validSpec) throws IOException {
    List<SentencePair> pairs = new ArrayList<>();
    try (ParallelCorpusReader reader = validSpec.open()) {
      reader.forEachRemaining(pairs::add);
    }
    return new BleuValidationScorer(model, data.text(), pairs,
        config.training().validBleuSentences(), config.training().seed());
  }

  /** The flags that were given, as config overrides named by their flag. */
  private List<ConfigOverride> overrides(List<CorpusConfig> flagCorpora) {
    List<ConfigOverride> o = new ArrayList<>();
    if (!flagCorpora.isEmpty()) {
      o.add(new ConfigOverride("data.train", flagCorpora, "--train"));
    }
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
    add(o, "training.embedding-dropout", embeddingDropout, "--embedding-dropout");
    add(o, "training.valid-metric", validMetric, "--valid-metric");
    add(o, "training.valid-bleu-sentences", validBleuSentences, "--valid-bleu-sentences");
    dataFlags.addOverrides(o);
    return o;
  }

  private static void add(List<ConfigOverride> o, String path, Object value, String flag) {
    DataFlags.add(o, path, value, flag);
  }
}
