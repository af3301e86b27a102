package org.nmt4j.lm.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nmt4j.decoder.OutputLayer;
import org.nmt4j.nn.Embedding;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.recurrent.RecurrentLayer;

/**
 * A stacked unidirectional RNN language model, assembled from the translator's parts: an {@link
 * Embedding} [V, E], {@code layers} {@link RecurrentLayer}s of one cell (layer 0 reads the
 * embedding, layer l the output of layer l - 1), and the decoder's {@link OutputLayer} (softmax
 * over the vocabulary, W [V, H], b [V]) with its cross-entropy.
 *
 * <p>Parameters: {@code lm.embedding} [V, E]; {@code lm.layerL.Wx}, {@code .Wh}, {@code .b} (and
 * {@code .bh} for a GRU) per layer L; {@code lm.output.W} [V, H] and {@code lm.output.b} [V].
 *
 * <p>Reads its parameters only: every buffer lives in a {@link ChunkBuffers} (sequence runs) or a
 * {@link StepSession} (one token at a time), one per thread.
 */
public final class RnnLanguageModel {
  static final String EMBEDDING = "lm.embedding";
  static final String OUTPUT_W = "lm.output.W";
  static final String OUTPUT_B = "lm.output.b";

  private final LmConfig config;
  private final int vocabulary;
  private final Parameters parameters;
  final Embedding embedding;
  final RecurrentLayer[] layers;
  final OutputLayer output;

  /** Declares every parameter of a model of this shape. */
  public static Parameters declare(LmConfig config, int vocabulary, DataType type) {
    Parameters.Builder b = Parameters.builder(type);
    Embedding.declare(b, EMBEDDING, vocabulary, config.embedding());
    for (int l = 0; l < config.layers(); l++) {
      RecurrentLayer.declare(b, config.cell(), layerName(l), inputSize(config, l), config.hidden());
    }
    b.add(OUTPUT_W, vocabulary, config.hidden());
    b.add(OUTPUT_B, vocabulary);
    return b.build();
  }

  static String layerName(int l) {
    return "lm.layer" + l;
  }

  static int inputSize(LmConfig config, int l) {
    return l == 0 ? config.embedding() : config.hidden();
  }

  /**
   * Binds a model to parameters declared by {@link #declare} (fresh or loaded).
   *
   * @throws IllegalArgumentException when a parameter is missing or of another shape
   */
  public RnnLanguageModel(LmConfig config, int vocabulary, Parameters parameters) {
    this.config = config;
    this.vocabulary = vocabulary;
    this.parameters = parameters;
    this.embedding = new Embedding(parameters, EMBEDDING, vocabulary, config.embedding());
    this.layers = new RecurrentLayer[config.layers()];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = new RecurrentLayer(parameters, config.cell(), layerName(l),
          inputSize(config, l), config.hidden(), false);
    }
    this.output = new OutputLayer(
        parameters.checkedValue(OUTPUT_W, vocabulary, config.hidden()),
        parameters.checkedValue(OUTPUT_B, vocabulary),
        parameters.gradient(OUTPUT_W), parameters.gradient(OUTPUT_B));
  }

  /**
   * Initialises every weight from {@code seed}: embedding, recurrent layers (per {@code init},
   * e.g. forget-gate bias 1) and output weights uniform, output bias zero.
   */
  public void initialise(InitConfig init, long seed) {
    Random rng = Initialisers.generator(seed);
    embedding.initialise(init, rng);
    for (RecurrentLayer layer : layers) {
      layer.initialise(init, rng);
    }
    Initialisers.weights(parameters.value(OUTPUT_W), init, config.hidden(), vocabulary, rng);
    parameters.value(OUTPUT_B).assign(0);
  }

  /** The architecture. */
  public LmConfig config() {
    return config;
  }

  /** Vocabulary size V. */
  public int vocabularySize() {
    return vocabulary;
  }

  /** All weights and gradients. */
  public Parameters parameters() {
    return parameters;
  }

  /** Layer l (for inspection). */
  public RecurrentLayer layer(int l) {
    return layers[l];
  }

  /** Fresh buffers for {@link ChunkBuffers#run}. */
  public ChunkBuffers newChunkBuffers() {
    return new ChunkBuffers(this);
  }

  /** A fresh sampling/stepping session over {@code rows} parallel streams. */
  public StepSession newStepSession(int rows) {
    return new StepSession(this, rows);
  }

  /** A zero carried state for {@code rows} streams. */
  public RecurrentState zeroState(int rows) {
    return RecurrentState.zeros(config, parameters.dataType(), rows);
  }

  static MatrixRef[] one(MatrixRef x) {
    return new MatrixRef[] {x};
  }

  @Override
  public String toString() {
    return "RnnLanguageModel" + Arrays.asList(config.cell().id(), config.layers(), config.hidden(),
        config.embedding(), vocabulary);
  }
}
