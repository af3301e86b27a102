package org.nmt4j.translator.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nmt4j.corpora.batch.BatchConfig;
import org.nmt4j.corpora.batch.BatchIterator;
import org.nmt4j.corpora.batch.BatchPosition;
import org.nmt4j.corpora.batch.Batcher;
import org.nmt4j.nn.NativeMalloc;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.config.ConfigException;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.config.TrainingConfig;
import org.nmt4j.translator.io.ModelFileException;
import org.nmt4j.translator.model.LossStats;
import org.nmt4j.translator.train.TrainingResult.StopReason;
import org.nmt4j.translator.train.checkpoint.Checkpoint;
import org.nmt4j.translator.train.checkpoint.CheckpointFile;
import org.nmt4j.translator.train.checkpoint.TrainingState;

/**
 * Trains a model: batches from {@link TrainingData}, forward and backward pass, clipping by
 * global norm, Adam, learning-rate decay on plateau, validation, early stopping, the best model
 * file and checkpoints.
 *
 * <p>One step: the dropout seed is derived from (seed, step); the model overwrites the gradients
 * of the batch's mean loss; a diverging step stops training with a {@link
 * TrainingDivergedException} before anything is changed (see {@link #EXPLODED_LOSS_FACTOR}), so
 * the last checkpoint stays the last good state; the gradients are clipped to {@code
 * clip-norm}; Adam updates the weights. After the step: validation every {@code valid-every}
 * steps, then a checkpoint every {@code checkpoint-every} steps. At every epoch end the model is
 * validated too (unless it just was), and at the end of training a final validation and
 * checkpoint are made.
 *
 * <p>Resuming: when the output directory holds {@value #CHECKPOINT_FILE}, the run continues from
 * it: weights, Adam's moments, the position in the data order, the learning rate, the patience
 * counters and the best metric are restored; since data order and dropout are functions of the
 * seed, epoch and step, the resumed run takes exactly the steps an uninterrupted one would have.
 * The checkpoint's data and model settings (and training seed and batch size) must equal the
 * current ones; the other training settings (such as max-steps) may change.
 *
 * <p>The gradients of each step come from a {@link GradientSource}: {@link LocalGradients} (the
 * batches computed in this JVM) unless the builder is given another, such as the {@code spark}
 * module's sum over a cluster's workers; everything else (clipping, Adam, validation,
 * checkpoints, resuming) is the same whichever computes them.
 *
 * <p>Not thread-safe; one {@link #train()} per instance.
 */
public final class Trainer {
  /** The checkpoint's file name in the output directory. */
  public static final String CHECKPOINT_FILE = "checkpoint.zip";

  /** The model file's name in the output directory. */
  public static final String MODEL_FILE = "model.nmt4j";

  /**
   * The divergence rule: a step diverges when its loss or gradient norm is NaN or infinite, or
   * its mean loss exceeds this many times ln V, the cross-entropy of a uniform guess over the V
   * output classes (which an untrained model starts near): a loss that large means the weights
   * have blown up (with {@code --lr 1e4} the loss reaches tens of thousands).
   */
  public static final double EXPLODED_LOSS_FACTOR = 10.0;

  /** Steps over which tokens per second are averaged. */
  private static final int SPEED_WINDOW = 20;

  private final ExperimentConfig config;
  private final TrainingConfig tc;
  private final TrainableModel model;
  private final Parameters params;
  private final TrainingData data;
  private final GradientSource gradients;
  private final Path outDir;
  private final Path checkpointFile;
  private final Path modelFile;
  private final ModelWriter modelWriter;
  private final List<TrainingListener> listeners;
  private final Map<String, ValidationScorer> scorers;
  private final MetricGoal goal;

  private final AdamOptimizer optimizer;
  private final GradientClipper clipper;
  private final PlateauDecay plateau;
  private final EarlyStopping early;
  /** Loss above which a step has diverged; 0 when the output size is unknown. */
  private final double explodedLoss;

  private long step;
  private int epoch;
  private long batchesDone;
  private long lastValidationStep = -1;
  private long lastCheckpointStep = -1;
  private double trainSeconds;
  private final ArrayDeque<double[]> speed = new ArrayDeque<>();
  private double speedTokens;
  private double speedSeconds;

  private Trainer(Builder b) {
    this.config = b.config;
    this.tc = b.config.training();
    this.model = b.model;
    this.params = b.model.parameters();
    this.data = b.data;
    this.gradients = b.gradients != null ? b.gradients
        : new LocalGradients(b.model, b.data.train(), batchConfig(b.config.training()));
    this.outDir = b.outDir;
    this.checkpointFile = b.outDir.resolve(CHECKPOINT_FILE);
    this.modelFile = b.outDir.resolve(MODEL_FILE);
    this.modelWriter = b.modelWriter;
    List<TrainingListener> all = new ArrayList<>();
    all.add(new TrainingLog(b.outDir));
    all.addAll(b.listeners);
    this.listeners = List.copyOf(all);
    this.scorers = Map.copyOf(b.scorers);
    this.goal = MetricGoal.of(tc.validMetric());
    if (!tc.validMetric().equals("ppl") && !scorers.containsKey(tc.validMetric())) {
      throw new ConfigException("training.valid-metric '" + tc.validMetric()
          + "' needs a validation scorer; this run has: ppl" + (scorers.isEmpty() ? "" : ", "
          + String.join(", ", scorers.keySet())));
    }
    this.optimizer = new AdamOptimizer(
        params, tc.learningRate(), tc.adamBeta1(), tc.adamBeta2(), tc.adamEpsilon());
    this.clipper = new GradientClipper(tc.clipNorm());
    this.plateau = new PlateauDecay(tc.lrDecay(), goal, tc.learningRate());
    this.early = new EarlyStopping(tc.earlyStoppingPatience(), goal);
    int classes = b.model.outputClasses();
    this.explodedLoss = classes > 1 ? EXPLODED_LOSS_FACTOR * Math.log(classes) : 0;
  }

  /**
   * Starts building a trainer.
   *
   * @param config the effective config (its model section must be the model's)
   * @param model the model to train, freshly initialised (a checkpoint replaces its weights)
   * @param data the encoded training and validation pairs
   */
  public static Builder builder(ExperimentConfig config, TrainableModel model, TrainingData data) {
    return new Builder(config, model, data);
  }

  /** The sentence or token batches {@code config} asks for (shuffled, seeded). */
  public static BatchConfig batchConfig(TrainingConfig config) {
    return config.tokenBudget() > 0
        ? BatchConfig.tokens(config.tokenBudget(), config.seed())
        : BatchConfig.sentences(config.batchSize(), config.seed());
  }

  /**
   * Trains until max-steps, the epoch limit or early stopping, resuming from the output
   * directory's checkpoint if there is one.
   *
   * @throws TrainingDivergedException on a NaN or infinite loss or gradient
   * @throws ModelFileException when the checkpoint is unusable or from another config
   * @throws IOException when a checkpoint or model file cannot be written
   */
  public TrainingResult train() throws IOException {
    Files.createDirectories(outDir);
    long resumedFrom = -1;
    if (Files.exists(checkpointFile)) {
      restore(CheckpointFile.read(checkpointFile));
      resumedFrom = step;
      lastCheckpointStep = step;
    }
    long perEpoch = gradients.countBatches();
    if (perEpoch == 0) {
      throw new IllegalArgumentException("the training data gives no batch");
    }
    long planned = tc.epochs() > 0 ? tc.epochs() * perEpoch : Long.MAX_VALUE;
    if (tc.maxSteps() > 0) {
      planned = Math.min(planned, tc.maxSteps());
    }
    if (resumedFrom >= 0 && finished()) {
      // a finished run started again: no new step, validation, model file or log row
      return new TrainingResult(step, batchesDone > 0 ? epoch + 1 : epoch,
          StopReason.ALREADY_COMPLETE, tc.validMetric(),
          data.hasValidation() ? early.best() : Double.NaN, early.bestStep(),
          clipper.clippedCount(), trainSeconds, checkpointFile,
          modelWriter == null || !Files.exists(modelFile) ? null : modelFile);
    }
    TrainingStart start = new TrainingStart(
        resumedFrom, perEpoch, planned, params.count(), data.trainPairs(), data.validPairs());
    listeners.forEach(l -> l.onStart(start));

    StopReason reason = early.shouldStop() ? StopReason.EARLY_STOPPING : null;
    outer:
    while (reason == null) {
      if (tc.maxSteps() > 0 && step >= tc.maxSteps()) {
        reason = StopReason.MAX_STEPS;
        break;
      }
      if (tc.epochs() > 0 && epoch >= tc.epochs()) {
        reason = StopReason.EPOCHS;
        break;
      }
      try (GradientSource.EpochGradients it =
          gradients.resume(new BatchPosition(epoch, batchesDone))) {
        while (it.hasNext()) {
          if (tc.maxSteps() > 0 && step >= tc.maxSteps()) {
            reason = StopReason.MAX_STEPS;
            break outer;
          }
          trainStep(it);
          batchesDone = it.position().batchesDone();
          boolean stop = false;
          if (tc.validEvery() > 0 && step % tc.validEvery() == 0 && data.hasValidation()) {
            stop = validate();
          }
          if (tc.checkpointEvery() > 0 && step % tc.checkpointEvery() == 0) {
            checkpoint();
          }
          if (stop) {
            reason = StopReason.EARLY_STOPPING;
            break outer;
          }
        }
      }
      int finished = epoch + 1;
      epoch++;
      batchesDone = 0;
      listeners.forEach(l -> l.onEpochEnd(finished, step));
      if (data.hasValidation() && lastValidationStep != step && validate()) {
        reason = StopReason.EARLY_STOPPING;
      }
    }
    boolean validatedNow = false;
    if (data.hasValidation() && lastValidationStep != step) {
      validate();
      validatedNow = true;
    }
    // a final validation changes the state (best metric, patience): checkpoint it even when
    // this step's checkpoint exists, or a restart would validate again
    checkpoint(validatedNow);
    TrainingResult result = new TrainingResult(step, batchesDone > 0 ? epoch + 1 : epoch,
        reason, tc.validMetric(), data.hasValidation() ? early.best() : Double.NaN,
        early.bestStep(), clipper.clippedCount(), trainSeconds, checkpointFile,
        modelWriter == null ? null : modelFile);
    listeners.forEach(l -> l.onFinish(result));
    return result;
  }

  /**
   * Whether the restored state is of a finished run: a stop condition of the current settings
   * holds and the final validation is done.
   */
  private boolean finished() {
    boolean stop = early.shouldStop()
        || (tc.maxSteps() > 0 && step >= tc.maxSteps())
        || (tc.epochs() > 0 && epoch >= tc.epochs());
    return stop && (!data.hasValidation() || lastValidationStep == step);
  }

  private void trainStep(GradientSource.EpochGradients batches) {
    long t0 = System.nanoTime();
    long next = step + 1;
    LossStats stats = batches.next(DropoutSeeds.forStep(tc.seed(), next));
    double loss = stats.mean();
    if (!Double.isFinite(loss)) {
      throw diverged(next, "training loss is " + loss);
    }
    if (explodedLoss > 0 && loss > explodedLoss) {
      throw diverged(next, String.format(java.util.Locale.ROOT,
          "training loss %.4g exploded (above %.0f x ln %d = %.1f)", loss,
          EXPLODED_LOSS_FACTOR, model.outputClasses(), explodedLoss));
    }
    double norm = params.gradientNorm();
    if (!Double.isFinite(norm)) {
      throw diverged(next, "gradient norm is " + norm + " (loss " + loss + ")");
    }
    double lr = plateau.learningRate();
    if (lr != optimizer.learningRate()) {
      optimizer.setLearningRate(lr);
    }
    // the clipping factor is applied as Adam reads the gradients (one pass over the buffers)
    optimizer.step(step, clipper.scaleFor(norm));
    // the step's freed temporaries and outgrown buffers go back to the system before the next
    // step's peak (about 1 ms; nothing without NativeMalloc's settings)
    NativeMalloc.trim();
    step = next;
    double seconds = (System.nanoTime() - t0) / 1e9;
    trainSeconds += seconds;
    long tokens = stats.tokens();
    speed.addLast(new double[] {tokens, seconds});
    speedTokens += tokens;
    speedSeconds += seconds;
    if (speed.size() > SPEED_WINDOW) {
      double[] old = speed.removeFirst();
      speedTokens -= old[0];
      speedSeconds -= old[1];
    }
    StepStats s = new StepStats(step, epoch + 1, loss, Math.exp(loss), tokens,
        speedSeconds > 0 ? speedTokens / speedSeconds : 0, lr, norm, clipper.clips(norm),
        clipper.clippedCount());
    listeners.forEach(l -> l.onStep(s));
  }

  private TrainingDivergedException diverged(long atStep, String what) {
    String where = lastCheckpointStep >= 0
        ? "the last good checkpoint (step " + lastCheckpointStep + ") is " + checkpointFile
        : "no checkpoint was written yet";
    return new TrainingDivergedException(atStep, "training diverged at step " + atStep + ": "
        + what + "; training stopped (" + where + "); try a lower --lr or --clip");
  }

  /** Validates; returns whether early stopping should end training. */
  private boolean validate() throws IOException {
    LossStats total = new LossStats(0, 0);
    Batcher batcher = new Batcher(batchConfig(tc).withShuffle(false));
    try (BatchIterator it = batcher.epoch(data.valid(), 0)) {
      while (it.hasNext()) {
        total = total.plus(model.loss(it.next()));
      }
    }
    double ppl = total.perplexity();
    ValidationScorer scorer = scorers.get(tc.validMetric());
    double value = scorer == null ? ppl : scorer.score();
    lastValidationStep = step;
    boolean best = early.observe(value, step);
    boolean decayed = tc.lrDecay().enabled() && plateau.observe(value);
    if (best) {
      writeModel();
    }
    boolean stop = early.shouldStop();
    ValidationResult r = new ValidationResult(step, batchesDone > 0 ? epoch + 1 : epoch,
        total.mean(), ppl, total.tokens(), tc.validMetric(), value, best, early.best(),
        early.bestStep(), plateau.learningRate(), decayed, early.badValidations(), stop);
    listeners.forEach(l -> l.onValidation(r));
    return stop;
  }

  private void writeModel() throws IOException {
    if (modelWriter != null) {
      modelWriter.write(modelFile, step);
      listeners.forEach(l -> l.onModelSaved(step, modelFile));
    }
  }

  private void checkpoint() throws IOException {
    checkpoint(false);
  }

  private void checkpoint(boolean evenIfWritten) throws IOException {
    if (!evenIfWritten && lastCheckpointStep == step && Files.exists(checkpointFile)) {
      return;
    }
    if (!data.hasValidation() && lastCheckpointStep != step) {
      // without validation the model file follows the checkpoints, so a stopped run has one
      writeModel();
    }
    listeners.forEach(l -> l.beforeCheckpoint(step));
    TrainingState state = new TrainingState(step, epoch, batchesDone, plateau.learningRate(),
        plateau.best(), plateau.badValidations(), early.best(), early.bestStep(),
        early.badValidations(), clipper.clippedCount(), lastValidationStep, tc.seed(),
        trainSeconds);
    CheckpointFile.write(checkpointFile, new Checkpoint(
        state, ConfigYaml.toYaml(config), params.flatValues(), optimizer.state()));
    lastCheckpointStep = step;
    if (tc.keepCheckpoints() > 0) {
      KeptCheckpoints.keep(checkpointFile, step, tc.keepCheckpoints());
    }
    listeners.forEach(l -> l.onCheckpoint(step, checkpointFile));
  }

  private void restore(Checkpoint c) {
    checkCompatible(checkpointFile, c.configYaml(), config);
    if (c.weights().length() != params.count()) {
      throw new ModelFileException(checkpointFile + ": the checkpoint has " + c.weights().length()
          + " parameters, the model " + params.count() + " (different vocabularies?)");
    }
    TrainingState s = c.state();
    params.flatValues().assign(c.weights().reshape(params.flatValues().shape())
        .castTo(params.dataType()));
    params.valuesChanged();
    optimizer.restoreState(c.optimizerState());
    optimizer.setLearningRate(s.learningRate());
    plateau.restore(s.learningRate(), s.plateauBest(), s.plateauBad());
    early.restore(s.bestMetric(), s.bestStep(), s.earlyStoppingBad());
    clipper.restoreClippedCount(s.clippedSteps());
    step = s.step();
    epoch = s.epoch();
    batchesDone = s.batchesDone();
    lastValidationStep = s.lastValidationStep();
    trainSeconds = s.trainSeconds();
  }

  /**
   * Checks, before any data is prepared, that a run with {@code config} can resume from the
   * checkpoint in {@code outDir} (if there is one): the data and model settings and the training
   * seed and batch size must be the checkpoint's.
   *
   * @throws ModelFileException naming the settings that differ, or when the checkpoint is
   *     unreadable
   */
  public static void checkResumable(Path outDir, ExperimentConfig config) {
    Path file = outDir.resolve(CHECKPOINT_FILE);
    if (Files.exists(file)) {
      checkCompatible(file, CheckpointFile.readConfigYaml(file), config);
    }
  }

  private static void checkCompatible(Path file, String savedYaml, ExperimentConfig config) {
    ExperimentConfig saved;
    try {
      saved = ConfigYaml.parse(savedYaml, file + ": config.yaml");
    } catch (ConfigException e) {
      throw new ModelFileException(e.getMessage(), e);
    }
    // A checkpoint written before the corpora were part of the config (nmt4j 0.1 before the
    // data.train list) has none: its files came from --train-src/--train-tgt, which the data
    // fingerprint (data-files.tsv) checks where it exists.
    boolean olderWithoutCorpora = saved.data().train().isEmpty();
    List<String> blocking = new ArrayList<>();
    for (String d : ConfigYaml.differences(saved, config)) {
      boolean allowed = d.startsWith("training.") && !d.startsWith("training.seed:")
          && !d.startsWith("training.batch-size:") && !d.startsWith("training.token-budget:")
          || olderWithoutCorpora && d.startsWith("data.train:");
      if (!allowed) {
        blocking.add(d);
      }
    }
    if (!blocking.isEmpty()) {
      throw new ModelFileException(file + ": the checkpoint was made with other settings ("
          + String.join("; ", blocking.subList(0, Math.min(5, blocking.size())))
          + (blocking.size() > 5 ? "; ..." : "")
          + "); use the same settings to resume, or --reset (or another --out-dir) to start "
          + "afresh");
    }
  }

  /** Collects what a {@link Trainer} needs. */
  public static final class Builder {
    private final ExperimentConfig config;
    private final TrainableModel model;
    private final TrainingData data;
    private GradientSource gradients;
    private Path outDir;
    private ModelWriter modelWriter;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final Map<String, ValidationScorer> scorers = new LinkedHashMap<>();

    private Builder(ExperimentConfig config, TrainableModel model, TrainingData data) {
      this.config = Objects.requireNonNull(config, "config");
      this.model = Objects.requireNonNull(model, "model");
      this.data = Objects.requireNonNull(data, "data");
    }

    /** Where checkpoints and the model file go (required). */
    public Builder outputDirectory(Path dir) {
      this.outDir = dir;
      return this;
    }

    /**
     * Computes each step's gradients with {@code source} instead of in this JVM ({@link
     * LocalGradients}); null restores the default.
     */
    public Builder gradientSource(GradientSource source) {
      this.gradients = source;
      return this;
    }

    /** Writes the model file; without one, only checkpoints are written. */
    public Builder modelWriter(ModelWriter writer) {
      this.modelWriter = writer;
      return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Builder listener(TrainingListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Registers the scorer of a validation metric other than "ppl". */
    public Builder validationScorer(String metric, ValidationScorer scorer) {
      scorers.put(metric, Objects.requireNonNull(scorer, "scorer"));
      return this;
    }

    /** Builds the trainer (nothing is read or written yet). */
    public Trainer build() {
      if (outDir == null) {
        throw new IllegalStateException("the trainer needs an output directory");
      }
      return new Trainer(this);
    }
  }
}
