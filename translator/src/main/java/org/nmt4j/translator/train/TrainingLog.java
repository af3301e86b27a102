package org.nmt4j.translator.train;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a training run through SLF4J (logger {@code org.nmt4j.translator.train.TrainingLog}): the
 * start, every validation, checkpoint and model file and the end at info, epochs and steps at
 * debug. Every {@link Trainer} has one, before the listeners it was given (other trainers, such
 * as the language model's, take one as a listener); the program decides with its SLF4J backend
 * whether and where the lines go.
 */
public final class TrainingLog implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingLog.class);

  private final Path outDir;

  /** @param outDir the run's output directory, named in the lines */
  public TrainingLog(Path outDir) {
    this.outDir = outDir;
  }

  @Override
  public void onStart(TrainingStart s) {
    if (LOG.isInfoEnabled()) {
      LOG.info(String.format(Locale.ROOT, "training in %s: %s; %,d parameters, %,d training "
              + "pairs (%,d batches per epoch), %,d validation pairs, until step %,d", outDir,
          s.resumed() ? "resumed from step " + s.resumedFromStep() : "fresh start",
          s.parameterCount(), s.trainingPairs(), s.batchesPerEpoch(), s.validationPairs(),
          s.plannedSteps()));
    }
  }

  @Override
  public void onStep(StepStats s) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(String.format(Locale.ROOT, "step %d (epoch %d): loss %.4f, ppl %.3f, %d target "
              + "tokens, %.0f tok/s, lr %.3g, gradient norm %.3g%s", s.step(), s.epoch(), s.loss(),
          s.perplexity(), s.targetTokens(), s.tokensPerSecond(), s.learningRate(),
          s.gradientNorm(), s.clipped() ? " (clipped)" : ""));
    }
  }

  @Override
  public void onValidation(ValidationResult r) {
    if (LOG.isInfoEnabled()) {
      LOG.info(String.format(Locale.ROOT, "step %d (epoch %d): validation loss %.4f, ppl %.3f",
          r.step(), r.epoch(), r.loss(), r.perplexity()) + r.outcome());
    }
  }

  @Override
  public void onEpochEnd(int epoch, long step) {
    LOG.debug("epoch {} finished at step {}", epoch, step);
  }

  @Override
  public void onCheckpoint(long step, Path file) {
    LOG.info("checkpoint at step {}: {}", step, file);
  }

  @Override
  public void onModelSaved(long step, Path file) {
    LOG.info("model file at step {}: {}", step, file);
  }

  @Override
  public void onFinish(TrainingResult r) {
    if (LOG.isInfoEnabled()) {
      String best = Double.isNaN(r.bestValue()) ? "" : String.format(Locale.ROOT,
          ", best validation %s %.3f at step %d", r.metric(), r.bestValue(), r.bestStep());
      LOG.info(String.format(Locale.ROOT, "training in %s stopped after %d steps (%s), epoch %d, "
              + "%.1f s in training steps%s; model: %s", outDir, r.steps(),
          r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.epochs(),
          r.trainSeconds(), best, r.modelFile()));
    }
  }
}
