package org.nmt4j.translator.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.DataPreparation;
import org.nmt4j.translator.data.PreparedData;
import org.nmt4j.translator.io.ModelFile;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.translator.train.BleuValidationScorer;
import org.nmt4j.translator.train.GradientSource;
import org.nmt4j.translator.train.TrainableModel;
import org.nmt4j.translator.train.Trainer;
import org.nmt4j.translator.train.TrainingListener;
import org.nmt4j.translator.train.TrainingResult;
import org.nmt4j.translator.train.TrainingStart;

/**
 * One training run in its {@link RunDirectory}, assembled in order: config -> data ({@link
 * DataPreparation}: vocabularies and merges saved in the directory, or read back when resuming)
 * -> model ({@link Seq2SeqModel#initialise}) -> {@link Trainer} (validation by perplexity or
 * greedy BLEU, checkpoints, the best model written as a model file by {@link ModelFile}) ->
 * {@link TrainingResult}.
 *
 * <p>Besides the trainer's files the run writes {@value RunDirectory#CONFIG_FILE} and {@value
 * DataFiles#FILE} once training starts, and the crash-proof CSV log ({@link TrainingCsvLog}).
 * The command line, the tests and any JVM program train through it:
 *
 * <pre>{@code
 * RunDirectory dir = RunDirectory.open(out, false, Map.of("train", file), List.of(), log::info);
 * TrainingResult r = TrainingRun.prepare(dir, new RunInput(config, List.of(new TrainCorpus(train, 1)), valid,
 *     List.of())).train();
 * }</pre>
 */
public final class TrainingRun {
  private final RunDirectory dir;
  private final RunInput input;
  private final PreparedData data;
  private final Seq2SeqModel model;

  private TrainingRun(RunDirectory dir, RunInput input, PreparedData data, Seq2SeqModel model) {
    this.dir = dir;
    this.input = input;
    this.data = data;
    this.model = model;
  }

  /**
   * Prepares the data (reporting to the directory's message sink) and initialises the model; a
   * resumed run's weights come from the checkpoint when it {@link #train trains}.
   *
   * @param dir the opened output directory
   * @param input settings, corpora and listeners
   * @return the run, ready to train
   * @throws IOException when a corpus cannot be read or a vocabulary written
   */
  public static TrainingRun prepare(RunDirectory dir, RunInput input) throws IOException {
    ExperimentConfig config = input.config();
    Files.createDirectories(dir.path());
    PreparedData data = new DataPreparation(config.data(), dir.messages())
        .prepare(input.train(), input.valid(), dir.path(), dir.resuming());
    releasePreparationHeap();
    Seq2SeqModel model = Seq2SeqModel.initialise(config.model(),
        data.text().sourceVocabulary().size(), data.text().targetVocabulary().size(),
        DataType.FLOAT, config.training().seed());
    return new TrainingRun(dir, input, data, model);
  }

  /**
   * Collects the garbage of data preparation (token lists, type counts, read buffers: hundreds of
   * MB of heap on a large corpus, dead once the corpus is encoded to disk) before the model is
   * built, so that the JVM gives the heap it grew back to the system (G1 shrinks the heap after a
   * full collection) instead of holding it for the whole training run next to the model's native
   * buffers. One full collection of a mostly dead heap, once per run: a fraction of a second
   * against the minutes of preparation it follows. On a 10-million-pair corpus the committed
   * heap during training went from 454 MB to what Multi30k's run holds (110-180 MB); see
   * README, "Data at scale". A JVM started with {@code -XX:+DisableExplicitGC} skips it.
   */
  private static void releasePreparationHeap() {
    System.gc();
  }

  /** The prepared data: text processing, encoded pairs, the report. */
  public PreparedData data() {
    return data;
  }

  /** The model being trained. */
  public Seq2SeqModel model() {
    return model;
  }

  /** The effective config of the run. */
  public ExperimentConfig config() {
    return input.config();
  }

  /** The output directory. */
  public RunDirectory directory() {
    return dir;
  }

  /**
   * Trains until the config's limits or early stopping (resuming from the directory's checkpoint
   * if there is one) and writes the model file.
   *
   * @return how training ended, with the model file
   * @throws org.nmt4j.translator.train.TrainingDivergedException when training diverges
   * @throws IOException when a checkpoint, model file or record cannot be written
   */
  public TrainingResult train() throws IOException {
    return train(null);
  }

  /**
   * {@link #train()} with each step's gradients computed by {@code gradients} (such as the
   * {@code spark} module's sum over a cluster); null computes them in this JVM.
   *
   * @return how training ended, with the model file
   * @throws IOException when a checkpoint, model file or record cannot be written
   */
  public TrainingResult train(GradientSource gradients) throws IOException {
    ExperimentConfig config = input.config();
    try (TrainingCsvLog log = new TrainingCsvLog(dir.csvLog())) {
      Trainer.Builder builder = Trainer.builder(config,
          TrainableModel.of(model, config.training().regularisation()), data.trainingData());
      if (config.training().validMetric().equals("bleu")) {
        builder.validationScorer("bleu", bleuScorer());
      }
      builder.gradientSource(gradients).outputDirectory(dir.path())
          .modelWriter((file, step) ->
              ModelFile.write(file, config, data.text(), model.parameters(), step))
          .listener(new TrainingListener() {
            @Override
            public void onStart(TrainingStart start) {
              // only now: a resume with clashing settings must not overwrite the saved config
              try {
                dir.recordStart(config);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          })
          .listener(log);
      input.listeners().forEach(builder::listener);
      return builder.build().train();
    }
  }

  /** Validation BLEU on the raw validation text, with the weights being trained. */
  private BleuValidationScorer bleuScorer() throws IOException {
    List<SentencePair> pairs = new ArrayList<>();
    try (ParallelCorpusReader reader = input.valid().open()) {
      reader.forEachRemaining(pairs::add);
    }
    return new BleuValidationScorer(model, data.text(), pairs,
        input.config().training().validBleuSentences(), input.config().training().seed(),
        input.config().training().validDecoding());
  }
}
