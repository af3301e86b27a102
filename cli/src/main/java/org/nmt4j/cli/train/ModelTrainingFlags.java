package org.nmt4j.cli.train;

import java.util.List;
import org.nmt4j.translator.config.ConfigOverride;
import picocli.CommandLine.Option;

/**
 * The model and training flags of {@code nmt4j train}; each given flag overrides one field of
 * the {@code model} or {@code training} config section (the override names the flag, so that a
 * value out of range is reported against it).
 */
public final class ModelTrainingFlags {
  @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N steps (alone: no epoch limit) (default: ${bundle:default.training.max-steps}, no step limit).")
  Long maxSteps;

  @Option(names = "--epochs", paramLabel = "N", description = "Stop after N epochs (alone: no step limit) (default: ${bundle:default.training.epochs}).")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of initialisation, data order and dropout (default: ${bundle:default.training.seed}).")
  Long seed;

  @Option(names = "--emb", paramLabel = "N", description = "Embedding size of both sides (default: ${bundle:default.model.encoder.embedding}).")
  Integer embedding;

  @Option(names = "--hidden", paramLabel = "N", description = "Hidden size (encoder per direction, and decoder) (default: ${bundle:default.model.encoder.hidden}).")
  Integer hidden;

  @Option(names = "--enc-layers", paramLabel = "N", description = "Bidirectional encoder layers (default: ${bundle:default.model.encoder.layers}).")
  Integer encoderLayers;

  @Option(names = "--dec-layers", paramLabel = "N", description = "Decoder layers (at most --enc-layers) (default: ${bundle:default.model.decoder.layers}).")
  Integer decoderLayers;

  @Option(names = "--dropout", paramLabel = "X", description = "Dropout of encoder and decoder (default: ${bundle:default.model.encoder.dropout}).")
  Double dropout;

  @Option(names = "--label-smoothing", paramLabel = "X",
      description = "Train against (1-X) onehot + X/V instead of the one-hot target (0: off) (default: ${bundle:default.training.label-smoothing}).")
  Double labelSmoothing;

  @Option(names = "--embedding-dropout", paramLabel = "X",
      description = "Dropout on the source and target embeddings during training (0: off; "
          + "model.encoder.embedding-dropout and model.decoder.embedding-dropout) (default: ${bundle:default.model.encoder.embedding-dropout}).")
  Double embeddingDropout;

  @Option(names = "--keep-checkpoints", paramLabel = "N",
      description = "Also keep the last N checkpoints as checkpoint-<step>.zip (for nmt4j average) (default: ${bundle:default.training.keep-checkpoints}).")
  Integer keepCheckpoints;

  @Option(names = "--cell", paramLabel = "CELL",
      description = "Recurrent cell of encoder and decoder: lstm, gru or rnn (tanh Elman); "
          + "model.encoder.cell and model.decoder.cell (default: ${bundle:default.model.encoder.cell}).")
  String cell;

  @Option(names = "--enc-cell", paramLabel = "CELL",
      description = "Recurrent cell of the encoder: lstm, gru or rnn (default: --cell).")
  String encoderCell;

  @Option(names = "--dec-cell", paramLabel = "CELL",
      description = "Recurrent cell of the decoder: lstm, gru or rnn (default: --cell).")
  String decoderCell;

  @Option(names = "--source-context", negatable = true,
      description = "Feed the source summary to every decoder step and to the output layer "
          + "(Cho et al. 2014; model.decoder.source-context) (default: ${bundle:default.model.decoder.source-context}).")
  Boolean sourceContext;

  @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate (default: ${bundle:default.training.learning-rate}).")
  Double learningRate;

  @Option(names = "--batch-size", paramLabel = "N", description = "Sentence pairs per batch (default: ${bundle:default.training.batch-size}).")
  Integer batchSize;

  @Option(names = "--token-budget", paramLabel = "N", description = "Batch by padded tokens instead of sentences (default: ${bundle:default.training.token-budget}).")
  Integer tokenBudget;

  @Option(names = "--clip", paramLabel = "X", description = "Largest global gradient norm (0: no clipping) (default: ${bundle:default.training.clip-norm}).")
  Double clip;

  @Option(names = "--valid-every", paramLabel = "N", description = "Validate every N steps (and at each epoch end) (default: ${bundle:default.training.valid-every}).")
  Integer validEvery;

  @Option(names = "--patience", paramLabel = "N", description = "Early stopping after N validations without improvement (0: off) (default: ${bundle:default.training.early-stopping-patience}).")
  Integer patience;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint every N steps (and at the end) (default: ${bundle:default.training.checkpoint-every}).")
  Integer checkpointEvery;

  @Option(names = "--valid-metric", paramLabel = "METRIC", description = "Metric of best model, learning-rate decay and early stopping: ppl (validation perplexity) or bleu (BLEU of greedy translations of the validation set) (default: ${bundle:default.training.valid-metric}).")
  String validMetric;

  @Option(names = "--valid-bleu-sentences", paramLabel = "N", description = "With --valid-metric bleu: translate a fixed, seeded sample of at most N validation sentences (0: all) (default: ${bundle:default.training.valid-bleu-sentences}).")
  Integer validBleuSentences;

  @Option(names = "--no-repeat-ngram", paramLabel = "N", description = "Validation BLEU decoding: never output a token that repeats an N-gram already in the output (0: off; training.valid-decoding.no-repeat-ngram) (default: ${bundle:default.training.valid-decoding.no-repeat-ngram}).")
  Integer noRepeatNgram;

  @Option(names = "--repetition-penalty", paramLabel = "X", description = "Validation BLEU decoding: divide the positive logits (multiply the negative ones) of tokens already output by X (1: off; training.valid-decoding.repetition-penalty) (default: ${bundle:default.training.valid-decoding.repetition-penalty}).")
  Double repetitionPenalty;

  @Option(names = "--min-length-ratio", paramLabel = "R", description = "Validation BLEU decoding: no end of sentence before ceil(R x source tokens) tokens (0: off; training.valid-decoding.min-length-ratio) (default: ${bundle:default.training.valid-decoding.min-length-ratio}).")
  Double minLengthRatio;

  /** Appends the given flags as overrides of {@code model.*} and {@code training.*} fields. */
  public void addOverrides(List<ConfigOverride> o) {
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
    add(o, "training.valid-decoding.no-repeat-ngram", noRepeatNgram, "--no-repeat-ngram");
    add(o, "training.valid-decoding.repetition-penalty", repetitionPenalty, "--repetition-penalty");
    add(o, "training.valid-decoding.min-length-ratio", minLengthRatio, "--min-length-ratio");
  }

  private static void add(List<ConfigOverride> o, String path, Object value, String flag) {
    DataFlags.add(o, path, value, flag);
  }
}
