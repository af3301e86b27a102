package org.nmt4j.translator.model;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.decoder.Bridge;
import org.nmt4j.decoder.DecodingState;
import org.nmt4j.decoder.SeededRnnDecoder;
import org.nmt4j.encoder.BiRnnEncoder;
import org.nmt4j.encoder.EncoderState;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.quant.MixedPrecision;

/**
 * The seq2seq model assembled in one place: source embedding and bidirectional recurrent
 * encoder, bridge, seeded recurrent decoder with output projection, in that order (see {@link
 * BiRnnEncoder}, {@link Bridge}, {@link SeededRnnDecoder} for the parameter names).
 *
 * <p>Threads. The model's parameters are only read except by {@link #forwardBackward}, which
 * writes the gradients (never the values). Training calls ({@link #forwardBackward} and {@link
 * #loss}) share one set of buffers owned by the model: only one thread may make them at a time.
 * Everything else ({@link #startDecoding}, {@link #sentenceLogProbabilities}, {@link
 * #teacherForcedLogits}) borrows a set of buffers from a pool for the length of the call (a new
 * set when all are in use, returned afterwards), so any number of threads may decode or score
 * with one model at once, as long as nobody changes the parameter values meanwhile (e.g. an
 * optimizer step). A {@link DecodingState} owns its own buffers.
 */
public final class Seq2SeqModel {
  private final ModelConfig config;
  private final int sourceVocabularySize;
  private final int targetVocabularySize;
  private final Parameters parameters;
  private final BiRnnEncoder encoder;
  private final Bridge bridge;
  private final SeededRnnDecoder decoder;
  private TrainingBuffers training;
  private final java.util.concurrent.ConcurrentLinkedQueue<InferenceBuffers> inferencePool =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private Seq2SeqModel(ModelConfig config, int sourceVocabularySize, int targetVocabularySize,
      Parameters parameters) {
    this.config = config;
    this.sourceVocabularySize = sourceVocabularySize;
    this.targetVocabularySize = targetVocabularySize;
    this.parameters = parameters;
    this.encoder = new BiRnnEncoder(parameters, config.encoder(), sourceVocabularySize);
    this.bridge = new Bridge(parameters, config.encoder().layers(), config.encoder().hiddenSize(),
        config.decoder().layers(), config.decoder().hiddenSize(),
        config.decoder().cellType().hasCellState());
    this.decoder = new SeededRnnDecoder(parameters, config.decoder(), targetVocabularySize);
  }

  /**
   * The parameter layout of a model: every name and shape, in declaration order (encoder,
   * bridge, decoder), without allocating anything.
   */
  public static Map<String, long[]> parameterShapes(ModelConfig config, int sourceVocabularySize,
      int targetVocabularySize) {
    return declare(config, sourceVocabularySize, targetVocabularySize, DataType.FLOAT).shapes();
  }

  private static Parameters.Builder declare(ModelConfig config, int sourceVocabularySize,
      int targetVocabularySize, DataType dataType) {
    checkVocabulary("source", sourceVocabularySize);
    checkVocabulary("target", targetVocabularySize);
    Parameters.Builder builder = Parameters.builder(dataType);
    BiRnnEncoder.declare(builder, config.encoder(), sourceVocabularySize);
    Bridge.declare(builder, config.encoder().hiddenSize(), config.decoder().hiddenSize(),
        config.decoder().layers(), config.decoder().cellType().hasCellState());
    SeededRnnDecoder.declare(builder, config.decoder(), targetVocabularySize);
    return builder;
  }

  private static void checkVocabulary(String side, int size) {
    // ids 0..3 are the specials <pad> <unk> <s> </s>
    if (size < 4) {
      throw new IllegalArgumentException(
          side + " vocabulary size must be >= 4 (the special tokens), got " + size);
    }
  }

  /**
   * Declares all parameters and initialises them randomly under {@code config.init()}; the
   * result is a pure function of the arguments (same seed, same weights).
   *
   * @param dataType FLOAT for training, DOUBLE for gradient checks
   */
  public static Seq2SeqModel initialise(ModelConfig config, int sourceVocabularySize,
      int targetVocabularySize, DataType dataType, long seed) {
    if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
      throw new IllegalArgumentException("model data type must be FLOAT or DOUBLE, got " + dataType);
    }
    Parameters params = declare(config, sourceVocabularySize, targetVocabularySize, dataType).build();
    Seq2SeqModel model = new Seq2SeqModel(config, sourceVocabularySize, targetVocabularySize, params);
    Random rng = Initialisers.generator(seed);
    model.encoder.initialise(config.init(), rng);
    model.bridge.initialise(config.init(), rng);
    model.decoder.initialise(config.init(), rng);
    return model;
  }

  /**
   * Wraps loaded parameters; fails with a one-line message naming the first tensor that is
   * missing, unexpected or misshapen for this config and these vocabulary sizes.
   */
  public static Seq2SeqModel fromParameters(ModelConfig config, int sourceVocabularySize,
      int targetVocabularySize, Parameters parameters) {
    DataType type = parameters.dataType();
    if (type != DataType.FLOAT && type != DataType.DOUBLE) {
      throw new IllegalArgumentException("model parameters must be FLOAT or DOUBLE, got " + type);
    }
    Map<String, long[]> expected = parameterShapes(config, sourceVocabularySize, targetVocabularySize);
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      if (!parameters.contains(e.getKey())) {
        throw new IllegalArgumentException("model parameters lack '" + e.getKey()
            + "' required by the config (shape " + Arrays.toString(e.getValue()) + ")");
      }
      long[] actual = parameters.shape(e.getKey());
      if (!Arrays.equals(actual, e.getValue())) {
        throw new IllegalArgumentException("model parameter '" + e.getKey() + "' has shape "
            + Arrays.toString(actual) + " but the config and vocabularies ("
            + sourceVocabularySize + "/" + targetVocabularySize + ") need "
            + Arrays.toString(e.getValue()));
      }
    }
    for (String name : parameters.names()) {
      if (!expected.containsKey(name)) {
        throw new IllegalArgumentException(
            "model parameters hold '" + name + "', which this config does not use");
      }
    }
    return new Seq2SeqModel(config, sourceVocabularySize, targetVocabularySize, parameters);
  }

  /** The architecture. */
  public ModelConfig config() {
    return config;
  }

  /** Source vocabulary size. */
  public int sourceVocabularySize() {
    return sourceVocabularySize;
  }

  /** Target vocabulary size. */
  public int targetVocabularySize() {
    return targetVocabularySize;
  }

  /** All weights and their gradients. */
  public Parameters parameters() {
    return parameters;
  }

  /** The encoder (read-only use, e.g. to look at its activations: {@code nmt4j inspect cells}). */
  public BiRnnEncoder encoder() {
    return encoder;
  }

  /**
   * Teacher-forced forward and backward pass with dropout drawn from dropoutSeed; overwrites
   * every gradient with d(mean masked cross-entropy)/d(parameter), the mean taken over the
   * batch's real target tokens. Not thread-safe (one training thread).
   *
   * @return the summed (not mean) loss and the number of target tokens
   */
  public LossStats forwardBackward(Batch batch, long dropoutSeed) {
    return forwardBackward(batch, dropoutSeed, Regularisation.NONE);
  }

  /**
   * {@link #forwardBackward(Batch, long)} with label smoothing: the
   * gradients are those of the mean smoothed cross-entropy ({@link LossStats#objectiveSum}),
   * while {@link LossStats#lossSum} stays the negative log-likelihood.
   */
  public LossStats forwardBackward(Batch batch, long dropoutSeed, Regularisation regularisation) {
    if (Int8Quantization.isQuantized(parameters)) {
      throw new IllegalStateException("this model is quantized to int8, for inference only;"
          + " train the float model");
    }
    if (Bf16Inference.isPrepared(parameters)) {
      throw new IllegalStateException("this model is loaded for bf16 inference only;"
          + " train the float model");
    }
    if (MixedPrecision.bf16()) {
      Bf16Training.register(this);
    }
    TrainingBuffers tb = trainingBuffers();
    tb.decoder.regularise(regularisation.labelSmoothing());
    Random rng = Initialisers.generator(dropoutSeed);
    long tokens = batch.targetTokens();
    EncoderState state = encoder.encode(tb.encoder, batch.source(), batch.sourceLengths(), rng);
    bridge.forward(tb.bridge, state.finalHidden(), state.finalCell());
    double loss = decoder.forward(tb.decoder, batch.targetInput(), batch.targetOutput(),
        batch.targetLengths(), h0(tb.bridge), c0(tb.bridge), rng, true, null);
    INDArray[] dh0 = tb.stateGradients(0, batch.size());
    INDArray[] dc0 = decoder.hasCellState() ? tb.stateGradients(1, batch.size()) : null;
    decoder.backward(tb.decoder, tokens == 0 ? 0 : 1.0 / tokens, dh0, dc0);
    INDArray[][][] d = bridge.backward(tb.bridge, dh0, dc0);
    encoder.backward(tb.encoder, d[0], d[1]);
    return new LossStats(loss, tokens, tb.decoder.objective());
  }

  /** Forward pass only, no dropout, gradients untouched. Not thread-safe (shares the training buffers). */
  public LossStats loss(Batch batch) {
    TrainingBuffers tb = trainingBuffers();
    double loss = teacherForced(tb.encoder, tb.bridge, tb.decoder, batch, null);
    return new LossStats(loss, batch.targetTokens());
  }

  /**
   * Forced decoding: the log-probability (natural log) of each sentence's target given its
   * source, summed over its target positions (the tokens and {@code </s>}). Thread-safe.
   *
   * @return [batch] per sentence, in batch order
   */
  public double[] sentenceLogProbabilities(Batch batch) {
    double[] out = new double[batch.size()];
    InferenceBuffers ib = borrow();
    try {
      teacherForced(ib.encoder, ib.bridge, ib.decoder(), batch, out);
    } finally {
      inferencePool.offer(ib);
    }
    return out;
  }

  /**
   * Teacher-forced logits without dropout: a new array [batch, targetLength, V] in batch order,
   * zero at padded positions; for checking step-by-step decoding. Thread-safe.
   */
  public INDArray teacherForcedLogits(Batch batch) {
    InferenceBuffers ib = borrow();
    try {
      EncoderState state = encoder.encode(ib.encoder, batch.source(), batch.sourceLengths(), null);
      bridge.forward(ib.bridge, state.finalHidden(), state.finalCell());
      return decoder.teacherForcedLogits(ib.decoder(), batch.targetInput(),
          batch.targetLengths(), h0(ib.bridge), c0(ib.bridge));
    } finally {
      inferencePool.offer(ib);
    }
  }

  /**
   * Encodes a batch of sources once and returns the state of step-by-step decoding: row b
   * decodes sentence b, starting from the bridge's (h0, c0) of every decoder layer. Feed it
   * {@code <s>} first. Thread-safe: the returned state owns all its buffers (one thread may use
   * it at a time).
   *
   * @param sources the padded source ids
   */
  public DecodingState startDecoding(SourceBatch sources) {
    return startDecoding(sources, null);
  }

  /**
   * {@link #startDecoding(SourceBatch)} with the output layer restricted to a shortlist of
   * target ids (see {@link SeededRnnDecoder#startDecoding(INDArray[], INDArray[], int[])}).
   *
   * @param shortlist target ids, ascending and distinct, or null for the whole vocabulary
   */
  public DecodingState startDecoding(SourceBatch sources, int[] shortlist) {
    InferenceBuffers ib = borrow();
    try {
      EncoderState state = encoder.encode(ib.encoder, sources.source(), sources.sourceLengths(),
          null);
      bridge.forward(ib.bridge, state.finalHidden(), state.finalCell());
      // the state copies the initial (h, c), so the borrowed buffers go back at once
      return shortlist == null ? decoder.startDecoding(h0(ib.bridge), c0(ib.bridge))
          : decoder.startDecoding(h0(ib.bridge), c0(ib.bridge), shortlist);
    } finally {
      inferencePool.offer(ib);
    }
  }

  private InferenceBuffers borrow() {
    InferenceBuffers ib = inferencePool.poll();
    return ib != null ? ib : new InferenceBuffers();
  }

  private double teacherForced(BiRnnEncoder.Workspace ews, Bridge.Workspace bws,
      SeededRnnDecoder.Workspace dws, Batch batch, double[] sentenceLogProbs) {
    EncoderState state = encoder.encode(ews, batch.source(), batch.sourceLengths(), null);
    bridge.forward(bws, state.finalHidden(), state.finalCell());
    return decoder.forward(dws, batch.targetInput(), batch.targetOutput(), batch.targetLengths(),
        h0(bws), c0(bws), null, false, sentenceLogProbs);
  }

  private INDArray[] h0(Bridge.Workspace bws) {
    INDArray[] h = new INDArray[config.decoder().layers()];
    for (int l = 0; l < h.length; l++) {
      h[l] = bws.h0(l);
    }
    return h;
  }

  /** The decoder's initial cell states, or null when its cell has none. */
  private INDArray[] c0(Bridge.Workspace bws) {
    if (!decoder.hasCellState()) {
      return null;
    }
    INDArray[] c = new INDArray[config.decoder().layers()];
    for (int l = 0; l < c.length; l++) {
      c[l] = bws.c0(l);
    }
    return c;
  }

  private TrainingBuffers trainingBuffers() {
    if (training == null) {
      training = new TrainingBuffers();
    }
    return training;
  }

  /** Buffers of one inference call (encoder, bridge, and teacher forcing when scoring). */
  private final class InferenceBuffers {
    final BiRnnEncoder.Workspace encoder = Seq2SeqModel.this.encoder.newWorkspace();
    final Bridge.Workspace bridge = Seq2SeqModel.this.bridge.newWorkspace();
    private SeededRnnDecoder.Workspace decoder;

    SeededRnnDecoder.Workspace decoder() {
      if (decoder == null) {
        decoder = Seq2SeqModel.this.decoder.newWorkspace();
      }
      return decoder;
    }
  }

  /** The buffers of the single training thread. */
  private final class TrainingBuffers {
    final BiRnnEncoder.Workspace encoder = Seq2SeqModel.this.encoder.newWorkspace();
    final Bridge.Workspace bridge = Seq2SeqModel.this.bridge.newWorkspace();
    final SeededRnnDecoder.Workspace decoder = Seq2SeqModel.this.decoder.newWorkspace();
    private final INDArray[][] stateGradients = new INDArray[2][];
    private int batch = -1;

    INDArray[] stateGradients(int which, int batchSize) {
      if (batchSize != batch) {
        int layers = config.decoder().layers();
        for (int k = 0; k < 2; k++) {
          stateGradients[k] = new INDArray[layers];
          for (int l = 0; l < layers; l++) {
            stateGradients[k][l] = Nd4j.create(parameters.dataType(), batchSize,
                config.decoder().hiddenSize());
          }
        }
        batch = batchSize;
      }
      return stateGradients[which];
    }
  }
}
