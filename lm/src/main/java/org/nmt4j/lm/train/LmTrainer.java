package org.nmt4j.lm.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.lm.data.LmText;
import org.nmt4j.lm.io.LmModelFile;
import org.nmt4j.lm.model.ChunkBuffers;
import org.nmt4j.lm.model.LmConfig;
import org.nmt4j.lm.model.RecurrentState;
import org.nmt4j.lm.model.RnnLanguageModel;
import org.nmt4j.lm.model.StreamScorer;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.train.AdamOptimizer;
import org.nmt4j.translator.train.GradientClipper;
import org.nmt4j.translator.train.StepStats;
import org.nmt4j.translator.train.TrainingDivergedException;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;
import org.nmt4j.translator.train.TrainingStart;
import org.nmt4j.translator.train.ValidationResult;
import org.nmt4j.translator.train.checkpoint.Checkpoint;
import org.nmt4j.translator.train.checkpoint.CheckpointFile;
import org.nmt4j.translator.train.checkpoint.TrainingState;

/**
 * Trains a language model on a continuous token stream with truncated BPTT.
 *
 * <p>The training stream is cut into B consecutive parts of equal length read side by side
 * (char-rnn's batching); each step takes the next K tokens of every part, starts from the state
 * the previous chunk ended in (a constant: no gradient crosses a chunk boundary), takes the mean
 * cross-entropy's gradient, clips it by global norm and applies Adam (the translator's {@link
 * AdamOptimizer} and {@link GradientClipper}). An epoch is one pass; the state is reset to zero
 * at each epoch start. The best model on validation is written as {@code model.nmt4j}; {@code
 * checkpoint.zip} (the translator's {@link CheckpointFile}, plus the carried state) lets an
 * interrupted run resume exactly: the same weights, optimiser state, position, carried state and
 * dropout masks (drawn from the seed and the step) as an uninterrupted run. Events go to {@link
 * TrainingListener}s, the same as the translator's training (progress bar, CSV log, plot).
 */
public final class LmTrainer {
  /** The best model's file name in the output directory. */
  public static final String MODEL_FILE = "model.nmt4j";
  /** The checkpoint's file name in the output directory. */
  public static final String CHECKPOINT_FILE = "checkpoint.zip";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LmConfig config;
  private final LmTrainingConfig training;
  private final LmText text;
  private final InitConfig init;
  private final List<TrainingListener> listeners;

  /**
   * @param init initial weights of the recurrent layers, embedding and output layer
   */
  public LmTrainer(LmConfig config, LmTrainingConfig training, LmText text, InitConfig init,
      List<TrainingListener> listeners) {
    this.config = config;
    this.training = training;
    this.text = text;
    this.init = init;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * What a checkpoint must agree on to be resumed: the architecture, the data and every training
   * setting that changes the path of the run (not the limits).
   */
  String runIdentity(int trainTokens, int validTokens) {
    ObjectNode n = LmModelFile.configJson(config, text.tokenizer().spec(),
        text.merges() == null ? 0 : text.merges().size());
    if (text.merges() != null) {
      n.put("bpe-hash", text.merges().list().hashCode());
    }
    n.put("vocabulary-size", text.vocabulary().size());
    n.put("train-tokens", trainTokens);
    n.put("valid-tokens", validTokens);
    n.put("batch-size", training.batchSize());
    n.put("bptt", training.bptt());
    n.put("learning-rate", training.learningRate());
    n.put("clip", training.clipNorm());
    n.put("seed", training.seed());
    n.put("init", init.toString());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Trains (or resumes the run in {@code outDir}) until the step limit, the epochs or the time
   * limit.
   *
   * @param train the training token ids (at least B * 2 + 1)
   * @param valid the validation token ids (at least 2), or null for none (then the model file
   *     holds the last weights)
   */
  public TrainingResult train(int[] train, int[] valid, Path outDir) throws IOException {
    final int b = training.batchSize();
    final int k = training.bptt();
    final int streamLength = (train.length - 1) / b;
    if (streamLength < 1) {
      throw new IllegalArgumentException("the training text has " + train.length
          + " tokens: too few for --batch-size " + b + " (at least " + (b + 1) + " needed)");
    }
    final long chunksPerEpoch = (streamLength + k - 1) / k;
    final long planned = training.maxSteps() > 0 ? training.maxSteps()
        : chunksPerEpoch * training.epochs();
    Files.createDirectories(outDir);
    Path checkpointFile = outDir.resolve(CHECKPOINT_FILE);
    Path modelFile = outDir.resolve(MODEL_FILE);
    String identity = runIdentity(train.length, valid == null ? 0 : valid.length);

    Parameters params = RnnLanguageModel.declare(config, text.vocabulary().size(),
        org.nd4j.linalg.api.buffer.DataType.FLOAT);
    RnnLanguageModel model = new RnnLanguageModel(config, text.vocabulary().size(), params);
    AdamOptimizer adam = new AdamOptimizer(params, training.learningRate(), 0.9, 0.999, 1e-8);
    GradientClipper clipper = new GradientClipper(training.clipNorm());
    RecurrentState carried = model.zeroState(b);
    TrainingState s;
    boolean resumed = Files.exists(checkpointFile);
    if (resumed) {
      String saved = CheckpointFile.readConfigYaml(checkpointFile);
      if (!saved.equals(identity)) {
        throw new IllegalArgumentException(checkpointFile + ": the checkpoint is of another run ("
            + firstDifference(saved, identity) + "); use another --out-dir or delete it");
      }
      Checkpoint c = CheckpointFile.read(checkpointFile);
      params.flatValues().assign(c.weights().reshape(params.flatValues().shape()));
      params.valuesChanged();
      adam.restoreState(c.optimizerState());
      s = c.state();
      adam.setLearningRate(s.learningRate());
      clipper.restoreClippedCount(s.clippedSteps());
      carried.restore(CheckpointFile.readExtra(checkpointFile, "carried-state",
          params.dataType(), 1, carried.flatLength()));
      if (s.step() >= planned) {
        TrainingResult done = new TrainingResult(s.step(), s.epoch() + 1,
            TrainingResult.StopReason.ALREADY_COMPLETE, "ppl", Math.exp(s.bestMetric()),
            s.bestStep(), s.clippedSteps(), s.trainSeconds(), checkpointFile,
            Files.exists(modelFile) ? modelFile : null);
        return done;
      }
    } else {
      model.initialise(init, training.seed());
      s = new TrainingState(0, 0, 0, training.learningRate(), Double.NaN, 0,
          Double.POSITIVE_INFINITY, -1, 0, 0, -1, training.seed(), 0);
    }
    TrainingStart start = new TrainingStart(resumed ? s.step() : -1, chunksPerEpoch, planned,
        params.count(), (long) streamLength * b, valid == null ? 0 : valid.length - 1);
    listeners.forEach(l -> l.onStart(start));

    ChunkBuffers buffers = model.newChunkBuffers();
    ChunkBuffers validBuffers = model.newChunkBuffers();
    int[] in = new int[k * b];
    int[] out = new int[k * b];
    long step = s.step();
    int epoch = s.epoch();
    long chunk = s.batchesDone();
    double bestLoss = s.bestMetric();
    long bestStep = s.bestStep();
    long lastValidation = s.lastValidationStep();
    double seconds = s.trainSeconds();
    long sessionStart = System.nanoTime();
    double rateTokens = 0;
    double rateSeconds = 0;
    TrainingResult.StopReason reason = training.maxSteps() > 0
        ? TrainingResult.StopReason.MAX_STEPS : TrainingResult.StopReason.EPOCHS;
    double ceiling = 10 * Math.log(text.vocabulary().size());
    while (step < planned) {
      if (chunk == 0) {
        carried.reset();
      }
      int t0 = (int) (chunk * k);
      int time = Math.min(k, streamLength - t0);
      for (int t = 0; t < time; t++) {
        for (int r = 0; r < b; r++) {
          int pos = r * streamLength + t0 + t;
          in[t * b + r] = train[pos];
          out[t * b + r] = train[pos + 1];
        }
      }
      long began = System.nanoTime();
      double nll = buffers.run(in, out, time, b, null, carried, true,
          Initialisers.generator(training.seed() * 1_000_003L + step));
      double loss = nll / ((long) time * b);
      double norm = params.gradientNorm();
      if (!Double.isFinite(loss) || !Double.isFinite(norm) || loss > ceiling) {
        throw new TrainingDivergedException(step + 1, "training diverged at step " + (step + 1)
            + " (loss " + loss + ", gradient norm " + norm + "); the last good checkpoint is kept");
      }
      adam.step(step, clipper.scaleFor(norm));
      step++;
      double took = (System.nanoTime() - began) / 1e9;
      seconds += took;
      rateTokens = 0.9 * rateTokens + (long) time * b;
      rateSeconds = 0.9 * rateSeconds + took;
      StepStats stats = new StepStats(step, epoch + 1, loss, Math.exp(loss), (long) time * b,
          rateTokens / rateSeconds, adam.learningRate(), norm, clipper.clips(norm),
          clipper.clippedCount());
      listeners.forEach(l -> l.onStep(stats));
      chunk++;
      boolean epochEnd = chunk == chunksPerEpoch;
      if (epochEnd) {
        chunk = 0;
        epoch++;
        final int finished = epoch;
        final long at = step;
        listeners.forEach(l -> l.onEpochEnd(finished, at));
      }
      boolean outOfTime = training.maxMinutes() > 0
          && (System.nanoTime() - sessionStart) / 60e9 >= training.maxMinutes();
      boolean last = step >= planned || outOfTime;
      if (step % training.validEvery() == 0 || last) {
        if (valid != null) {
          StreamScorer.Score score = StreamScorer.score(model, validBuffers, valid,
              training.validStreams(), k);
          boolean best = score.nats() < bestLoss;
          if (best) {
            bestLoss = score.nats();
            bestStep = step;
            LmModelFile.write(modelFile, config, text, params, step);
            final long at = step;
            listeners.forEach(l -> l.onModelSaved(at, modelFile));
          }
          lastValidation = step;
          ValidationResult v = new ValidationResult(step, epoch + (epochEnd ? 0 : 1), score.nats(),
              score.perplexity(), score.predictions(), "ppl", score.perplexity(), best,
              Math.exp(bestLoss), bestStep, adam.learningRate(), false, 0, false);
          listeners.forEach(l -> l.onValidation(v));
        } else {
          LmModelFile.write(modelFile, config, text, params, step);
          final long at = step;
          listeners.forEach(l -> l.onModelSaved(at, modelFile));
        }
      }
      if (step % training.checkpointEvery() == 0 || last) {
        final long at = step;
        listeners.forEach(l -> l.beforeCheckpoint(at));
        TrainingState state = new TrainingState(step, epoch, chunk, adam.learningRate(),
            Double.NaN, 0, bestLoss, bestStep, 0, clipper.clippedCount(), lastValidation,
            training.seed(), seconds);
        INDArray weights = params.flatValues().dup().reshape(1, params.count());
        CheckpointFile.write(checkpointFile, new Checkpoint(state, identity, weights,
            adam.state().dup()), Map.of("carried-state", carried.flat()));
        listeners.forEach(l -> l.onCheckpoint(at, checkpointFile));
      }
      if (outOfTime && step < planned) {
        reason = TrainingResult.StopReason.MAX_STEPS;
        break;
      }
    }
    TrainingResult result = new TrainingResult(step, epoch + (chunk == 0 ? 0 : 1), reason, "ppl",
        valid == null ? Double.NaN : Math.exp(bestLoss), valid == null ? -1 : bestStep,
        clipper.clippedCount(), seconds, checkpointFile, modelFile);
    listeners.forEach(l -> l.onFinish(result));
    return result;
  }

  private static String firstDifference(String a, String b) {
    String[] x = a.split("\n");
    String[] y = b.split("\n");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return "checkpoint has " + x[i].trim() + ", this run " + y[i].trim();
      }
    }
    return "the settings differ";
  }
}
