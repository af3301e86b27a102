package org.nmt4j.decoder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.Dropout;
import org.nmt4j.nn.Embedding;
import org.nmt4j.nn.recurrent.InputProjection;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.recurrent.RecurrentLayer;
import org.nmt4j.nn.recurrent.SequenceWorkspace;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.TransposedWeights;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.GrowableBuffer;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.Rows;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * M stacked recurrent layers of one cell (LSTM, GRU or vanilla RNN, {@link DecoderConfig#cell()})
 * whose initial states are given (seeded by the {@link Bridge}), read
 * with teacher forcing, followed by the output projection and masked softmax cross-entropy.
 *
 * <p>Parameters: {@code decoder.embedding} [V, E], {@code decoder.l<l>.*} per layer (see {@link
 * RecurrentLayer}), {@code decoder.output.W} [V, Hd] (absent when tied: the embedding table is used)
 * and {@code decoder.output.b} [V]. Dropout applies to the inputs of layers above the first and
 * to the input of the output projection.
 *
 * <p>With {@link DecoderConfig#sourceContext()}, the top layer's initial hidden state doubles as
 * the source context c [Hd] of each sentence: it is appended to the embedding as the first
 * layer's input at every step ({@code decoder.l0.Wx} is then [E + Hd, G*H]), and {@code
 * decoder.output.C} [V, Hd] adds {@code c C^T} to every step's logits. Its gradient is added to
 * that of the top layer's h0.
 *
 * <p>Teacher forcing sorts the batch by target length (longest first), so every step computes
 * only real rows, and the output projection runs once over the real positions only, packed.
 *
 * <p>The decoder only reads its parameters: teacher forcing keeps its buffers in a {@link
 * Workspace}, step-by-step decoding in a {@link DecodingState}; each serves one thread.
 */
public final class SeededRnnDecoder {
  /** Name of the target embedding table. */
  public static final String EMBEDDING = "decoder.embedding";
  /** Name of the output weights (absent when tied to the embedding). */
  public static final String OUTPUT_WEIGHTS = "decoder.output.W";
  /** Name of the output bias. */
  public static final String OUTPUT_BIAS = "decoder.output.b";
  /** Name of the output's source-context weights (only with a source context). */
  public static final String OUTPUT_CONTEXT_WEIGHTS = "decoder.output.C";

  private final DecoderConfig config;
  private final int vocabularySize;
  private final DataType dataType;
  private final Embedding embedding;
  private final RecurrentLayer[] layers;
  private final OutputLayer output;
  private final INDArray outputWeights;
  private final INDArray outputBias;
  private final INDArray contextWeights;
  private final Dropout dropout;
  /** Dropout of the target embeddings (training only: with a dropout generator). */
  private final Dropout embeddingDropout;
  private volatile InputProjection firstLayerInputs;
  private volatile TransposedWeights outputTransposed;

  /** Name prefix of decoder layer l. */
  public static String layerName(int layer) {
    return "decoder.l" + layer;
  }

  /** Declares the embedding, every layer, and the output projection. */
  public static void declare(Parameters.Builder builder, DecoderConfig config, int vocabularySize) {
    Embedding.declare(builder, EMBEDDING, vocabularySize, config.embeddingSize());
    for (int l = 0; l < config.layers(); l++) {
      RecurrentLayer.declare(builder, config.cellType(), layerName(l), inputSize(config, l),
          config.hiddenSize());
    }
    if (!config.tieEmbeddings()) {
      builder.add(OUTPUT_WEIGHTS, vocabularySize, config.hiddenSize());
    }
    builder.add(OUTPUT_BIAS, vocabularySize);
    if (config.sourceContext()) {
      builder.add(OUTPUT_CONTEXT_WEIGHTS, vocabularySize, config.hiddenSize());
    }
  }

  /** Input width of layer l: the embedding (and the source context) for the first layer. */
  private static int inputSize(DecoderConfig config, int layer) {
    if (layer > 0) {
      return config.hiddenSize();
    }
    return config.embeddingSize() + (config.sourceContext() ? config.hiddenSize() : 0);
  }

  /** Binds to declared parameters. */
  public SeededRnnDecoder(Parameters params, DecoderConfig config, int vocabularySize) {
    this.config = config;
    this.vocabularySize = vocabularySize;
    this.dataType = params.dataType();
    this.embedding = new Embedding(params, EMBEDDING, vocabularySize, config.embeddingSize());
    this.layers = new RecurrentLayer[config.layers()];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = new RecurrentLayer(params, config.cellType(), layerName(l), inputSize(config, l), config.hiddenSize(),
          false);
    }
    String wName = config.tieEmbeddings() ? EMBEDDING : OUTPUT_WEIGHTS;
    if (config.tieEmbeddings() && params.contains(OUTPUT_WEIGHTS)) {
      throw new IllegalArgumentException("parameter '" + OUTPUT_WEIGHTS
          + "' present but decoder.tie-embeddings is on");
    }
    this.outputWeights = Shapes.checked(params, wName, vocabularySize, config.hiddenSize());
    this.outputBias = Shapes.checked(params, OUTPUT_BIAS, vocabularySize);
    if (!config.sourceContext() && params.contains(OUTPUT_CONTEXT_WEIGHTS)) {
      throw new IllegalArgumentException("parameter '" + OUTPUT_CONTEXT_WEIGHTS
          + "' present but decoder.source-context is off");
    }
    this.contextWeights = config.sourceContext()
        ? Shapes.checked(params, OUTPUT_CONTEXT_WEIGHTS, vocabularySize, config.hiddenSize())
        : null;
    this.output = new OutputLayer(outputWeights, outputBias, params.gradient(wName),
        params.gradient(OUTPUT_BIAS), contextWeights,
        contextWeights == null ? null : params.gradient(OUTPUT_CONTEXT_WEIGHTS));
    this.dropout = new Dropout(config.dropout());
    this.embeddingDropout = new Dropout(config.embeddingDropout());
  }

  /** The configuration. */
  public DecoderConfig config() {
    return config;
  }

  /** Target vocabulary size. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** Number of layers. */
  public int layers() {
    return layers.length;
  }

  /** Whether the cell carries a cell state c besides h (LSTM). */
  public boolean hasCellState() {
    return config.cellType().hasCellState();
  }

  /** Initialises embedding, layers and output projection, in declaration order. */
  public void initialise(InitConfig init, Random rng) {
    embedding.initialise(init, rng);
    for (RecurrentLayer layer : layers) {
      layer.initialise(init, rng);
    }
    if (!config.tieEmbeddings()) {
      Initialisers.weights(outputWeights, init, config.hiddenSize(), vocabularySize, rng);
    }
    Initialisers.bias(outputBias, init, rng);
    if (contextWeights != null) {
      Initialisers.weights(contextWeights, init, config.hiddenSize(), vocabularySize, rng);
    }
  }

  /** Fresh buffers for teacher forcing. */
  public Workspace newWorkspace() {
    return new Workspace();
  }

  /**
   * Teacher-forced forward pass and loss.
   *
   * @param targetInput [batch][width] decoder inputs ({@code <s>} y1 .. yn, padded)
   * @param targetOutput [batch][width] what each step predicts (y1 .. yn {@code </s>}, padded)
   * @param lengths [batch] real steps per sentence (0 allowed)
   * @param h0 [layers] initial hidden states, each [batch, Hd] (row b: sentence b)
   * @param c0 [layers] initial cell states, each [batch, Hd]; null when the cell has none
   * @param dropoutRng generator for dropout masks, or null for none
   * @param prepareBackward leave the loss gradient ready for {@link #backward}
   * @param sentenceLogProbs if not null, [batch] receives each sentence's summed log p
   * @return summed negative log-likelihood over all real target positions
   */
  public double forward(Workspace ws, int[][] targetInput, int[][] targetOutput, int[] lengths,
      INDArray[] h0, INDArray[] c0, Random dropoutRng, boolean prepareBackward,
      double[] sentenceLogProbs) {
    if (targetOutput.length != targetInput.length) {
      throw new IllegalArgumentException("target arrays disagree on the batch size "
          + targetInput.length);
    }
    if (sentenceLogProbs != null) {
      java.util.Arrays.fill(sentenceLogProbs, 0);
    }
    int positions = project(ws, targetInput, targetOutput, lengths, h0, c0, dropoutRng);
    ws.objective = 0;
    if (positions == 0) {
      ws.prepared = prepareBackward;
      return 0;
    }
    MatrixRef logits = ws.logits.matrix(positions, vocabularySize);
    double[] logProbs = sentenceLogProbs == null ? null : ws.logProbs(positions);
    double[] objective = new double[1];
    double loss = OutputLayer.crossEntropy(logits, ws.targets, positions, logProbs,
        prepareBackward, ws.scratch.atLeast(3L * positions), ws.labelSmoothing, objective);
    ws.objective = objective[0];
    if (sentenceLogProbs != null) {
      for (int p = 0; p < positions; p++) {
        sentenceLogProbs[ws.sentences[p]] += logProbs[p];
      }
    }
    ws.prepared = prepareBackward;
    return loss;
  }

  /**
   * The teacher-forced logits (no dropout) as a new array [batch, time, V] in input row order,
   * zero at padded positions; for checking step-by-step decoding against teacher forcing.
   * Arguments as in {@link #forward}.
   */
  public INDArray teacherForcedLogits(Workspace ws, int[][] targetInput, int[] lengths,
      INDArray[] h0, INDArray[] c0) {
    int positions = project(ws, targetInput, null, lengths, h0, c0, null);
    ws.prepared = false;
    INDArray out = Nd4j.create(dataType, targetInput.length, Math.max(1, ws.time), vocabularySize);
    if (positions == 0) {
      return out;
    }
    INDArray logits = ws.logits.matrix(positions, vocabularySize).view();
    int pos = 0;
    for (int t = 0; t < ws.time; t++) {
      int n = ws.padding.active(t);
      for (int j = 0; j < n; j++) {
        out.get(NDArrayIndex.point(ws.order[j]), NDArrayIndex.point(t), NDArrayIndex.all())
            .assign(logits.getRow(pos + j));
      }
      pos += n;
    }
    return out;
  }

  /** Runs embedding, layers and output projection; logits of the real positions end in ws. */
  private int project(Workspace ws, int[][] targetInput, int[][] targetOutput, int[] lengths,
      INDArray[] h0, INDArray[] c0, Random dropoutRng) {
    int batch = targetInput.length;
    if (lengths.length != batch) {
      throw new IllegalArgumentException("target arrays disagree on the batch size " + batch);
    }
    if (h0.length != layers.length || (hasCellState() && (c0 == null || c0.length != layers.length))) {
      throw new IllegalArgumentException("need initial states for " + layers.length + " layers");
    }
    int time = 0;
    for (int b = 0; b < batch; b++) {
      if (lengths[b] < 0 || lengths[b] > targetInput[b].length
          || (targetOutput != null && lengths[b] > targetOutput[b].length)) {
        throw new IllegalArgumentException("target row " + b + " has length " + lengths[b]);
      }
      time = Math.max(time, lengths[b]);
    }
    ws.time = time;
    ws.batch = batch;
    ws.prepared = false;
    ws.positions = 0;
    if (time == 0) {
      return 0;
    }
    int[] order = Padding.longestFirst(lengths);
    int[] sorted = new int[batch];
    int[] map = new int[batch];
    for (int j = 0; j < batch; j++) {
      sorted[j] = lengths[order[j]];
      map[j] = order[j];
    }
    Padding pad = Padding.of(sorted, time, dataType);
    ws.order = order;
    ws.map = map;
    ws.padding = pad;
    int rows = time * batch;
    int h = config.hiddenSize();
    int[] ids = ws.ids(rows);
    for (int t = 0; t < time; t++) {
      for (int j = 0; j < batch; j++) {
        int b = order[j];
        ids[t * batch + j] = t < lengths[b] ? targetInput[b][t] : 0;
      }
    }
    MatrixRef embedded = ws.embedded.matrix(rows, config.embeddingSize());
    embedding.forward(ids, rows, embedded);
    ws.dropped = dropoutRng != null && dropout.active();
    ws.embeddingDropped = dropoutRng != null && embeddingDropout.active();
    if (ws.embeddingDropped) {
      MatrixRef mask = ws.embeddingMask.matrix(rows, config.embeddingSize());
      embeddingDropout.forward(embedded.view(), mask.view(), embedded.view(), dropoutRng);
    }

    for (int l = 0; l < layers.length; l++) {
      Rows.gather(MatrixRef.of(h0[l]), map, ws.h0[l].matrix(batch, h));
      if (hasCellState()) {
        Rows.gather(MatrixRef.of(c0[l]), map, ws.c0[l].matrix(batch, h));
      }
    }
    // The source context of sorted row j is its top layer's initial hidden state.
    MatrixRef context = config.sourceContext() ? ws.h0[layers.length - 1].matrix(batch, h) : null;
    MatrixRef[] inputs = {embedded};
    if (context != null) {
      MatrixRef repeated = ws.contextInputs.matrix(rows, h);
      for (int t = 0; t < time; t++) {
        Rows.copy(context, 0, repeated, t * batch, batch);
      }
      inputs = new MatrixRef[] {embedded, repeated};
    }
    for (int l = 0; l < layers.length; l++) {
      if (l > 0) {
        MatrixRef below = ws.layer(l - 1).output();
        if (ws.dropped) {
          MatrixRef mask = ws.masks[l].matrix(rows, h);
          MatrixRef x = ws.droppedInputs[l].matrix(rows, h);
          dropout.forward(below.view(), mask.view(), x.view(), dropoutRng);
          inputs = new MatrixRef[] {x};
        } else {
          inputs = new MatrixRef[] {below};
        }
      }
      ws.inputs[l] = inputs;
      MatrixRef h0s = ws.h0[l].matrix(batch, h);
      INDArray c0s = hasCellState() ? ws.c0[l].matrix(batch, h).view() : null;
      layers[l].forward(ws.layer(l), pad, inputs, h0s.view(), c0s);
    }

    // Pack the real positions of the top layer, step by step (each step's real rows are a prefix).
    int positions = (int) pad.realPositions();
    ws.positions = positions;
    MatrixRef top = ws.layer(layers.length - 1).output();
    MatrixRef packed = ws.packed.matrix(positions, h);
    int[] targets = ws.targets(positions);
    int[] sentence = ws.sentences(positions);
    int[] sortedRow = new int[positions];
    int pos = 0;
    for (int t = 0; t < time; t++) {
      int n = pad.active(t);
      Rows.copy(top, t * batch, packed, pos, n);
      for (int j = 0; j < n; j++) {
        int b = order[j];
        targets[pos + j] = targetOutput == null ? 0 : targetOutput[b][t];
        sentence[pos + j] = b;
        sortedRow[pos + j] = j;
      }
      pos += n;
    }
    ws.sortedRow = sortedRow;
    MatrixRef projected = packed;
    if (ws.dropped) {
      MatrixRef mask = ws.packedMask.matrix(positions, h);
      projected = ws.packedDropped.matrix(positions, h);
      dropout.forward(packed.view(), mask.view(), projected.view(), dropoutRng);
    }
    ws.projected = projected;
    MatrixRef logits = ws.logits.matrix(positions, vocabularySize);
    if (context != null) {
      // b + c C^T once per sentence, copied to each of its positions, then + x W^T
      MatrixRef rowBias = ws.rowBias.matrix(batch, vocabularySize);
      output.rowBias(context, ws.ones(batch), rowBias);
      Rows.gather(rowBias, sortedRow, logits);
      output.addProduct(projected, null, logits);
    } else {
      output.forward(projected, ws.ones(positions), logits);
    }
    return positions;
  }

  /**
   * Backpropagates {@code scale} times the loss of the last {@link #forward} (run with {@code
   * prepareBackward}), overwriting every decoder parameter gradient, and writes the gradients of
   * the initial states.
   *
   * @param scale factor on the summed loss (1/N for a mean over N tokens)
   * @param dh0 [layers] receive dLoss/dh0, each [batch, Hd] like the forward h0 (overwritten)
   * @param dc0 [layers] receive dLoss/dc0 (null when the cell has no cell state)
   */
  public void backward(Workspace ws, double scale, INDArray[] dh0, INDArray[] dc0) {
    if (!ws.prepared) {
      throw new IllegalStateException("backward needs a forward pass with prepareBackward");
    }
    for (int l = 0; l < layers.length; l++) {
      dh0[l].assign(0);
      if (hasCellState()) {
        dc0[l].assign(0);
      }
    }
    int time = ws.time;
    int batch = ws.batch;
    int h = config.hiddenSize();
    int positions = ws.positions;
    if (time == 0) {
      // No target positions: every decoder gradient is zero.
      output.zeroGradients();
      for (RecurrentLayer layer : layers) {
        layer.zeroGradients();
      }
      embedding.zeroGradient();
      return;
    }
    int rows = time * batch;
    MatrixRef logits = ws.logits.matrix(positions, vocabularySize);
    MatrixRef dProjected = ws.dPacked.matrix(positions, h);
    output.backward(ws.projected, logits, scale, ws.ones(positions), dProjected, false);
    MatrixRef context = null;
    MatrixRef dContext = null;
    if (config.sourceContext()) {
      context = ws.h0[layers.length - 1].matrix(batch, h);
      dContext = ws.dContext.matrix(batch, h);
      output.backwardContext(context, logits, ws.sortedRow, scale,
          ws.rowBias.matrix(batch, vocabularySize), dContext);
    }
    if (ws.dropped) {
      INDArray g = dProjected.view();
      dropout.backward(g, ws.packedMask.matrix(positions, h).view(), g);
    }
    SequenceWorkspace topWs = ws.layer(layers.length - 1);
    MatrixRef dTop = topWs.outputGradient();
    int pos = 0;
    for (int t = 0; t < time; t++) {
      int n = ws.padding.active(t);
      Rows.copy(dProjected, pos, dTop, t * batch, n);
      pos += n;
    }
    for (int l = layers.length - 1; l >= 0; l--) {
      MatrixRef dIn = l == 0 ? ws.dEmbedded.matrix(rows, config.embeddingSize())
          : ws.layer(l - 1).outputGradient();
      MatrixRef dh0s = ws.dh0[l].matrix(batch, h);
      MatrixRef dc0s = hasCellState() ? ws.dc0[l].matrix(batch, h) : null;
      MatrixRef[] dInputs = {dIn};
      if (l == 0 && context != null) {
        dInputs = new MatrixRef[] {dIn, ws.dContextInputs.matrix(rows, h)};
      }
      layers[l].backward(ws.layer(l), ws.inputs[l], true, null, null, dInputs,
          false, dh0s.view(), dc0s == null ? null : dc0s.view());
      if (l == 0 && context != null) {
        // the context was the same input at every step: its gradient is the sum over steps
        MatrixRef dRepeated = dInputs[1];
        Gemm.gemm(false, false, 1, batch * h, time, 1, ws.ones(time), 0, time,
            dRepeated.array(), dRepeated.offset(), batch * h, 1, dContext.array(),
            dContext.offset(), batch * h);
      }
      if (l > 0 && ws.dropped) {
        INDArray g = dIn.view();
        dropout.backward(g, ws.masks[l].matrix(rows, h).view(), g);
      }
      Rows.scatterAdd(dh0s, ws.map, MatrixRef.of(dh0[l]));
      if (dc0s != null) {
        Rows.scatterAdd(dc0s, ws.map, MatrixRef.of(dc0[l]));
      }
    }
    if (dContext != null) {
      Rows.scatterAdd(dContext, ws.map, MatrixRef.of(dh0[layers.length - 1]));
    }
    MatrixRef dEmbedded = ws.dEmbedded.matrix(rows, config.embeddingSize());
    if (ws.embeddingDropped) {
      embeddingDropout.backward(dEmbedded.view(),
          ws.embeddingMask.matrix(rows, config.embeddingSize()).view(), dEmbedded.view());
    }
    embedding.backward(ws.ids, rows, dEmbedded, config.tieEmbeddings());
  }

  /**
   * Starts step-by-step decoding of a batch: sentence b starts from row b of every layer's h0
   * (and c0). Allocates the state's buffers once.
   *
   * @param h0 [layers] initial hidden states, each [batch, Hd]
   * @param c0 [layers] initial cell states, each [batch, Hd]; null when the cell has none
   */
  public DecodingState startDecoding(INDArray[] h0, INDArray[] c0) {
    return startDecoding(h0, c0, true);
  }

  /**
   * {@link #startDecoding(INDArray[], INDArray[])}, choosing how the first layer's input
   * projection is computed.
   *
   * @param precomputedInputs gather it from a table of every target id's projection (built on
   *     first use, rebuilt when the weights changed; see {@link InputProjection}), or compute it
   *     with matrix products at every step (the reference path)
   */
  public DecodingState startDecoding(INDArray[] h0, INDArray[] c0, boolean precomputedInputs) {
    return new DecodingState(this, h0, c0,
        precomputedInputs ? firstLayerInputs() : null,
        precomputedInputs ? outputWeightsTransposed() : null, null);
  }

  /**
   * {@link #startDecoding(INDArray[], INDArray[])} with the output layer restricted to a
   * shortlist of target ids (see {@link ShortlistedOutput}): every other id's logit is
   * -infinity, so it is never chosen.
   *
   * @param shortlist target ids, ascending and distinct, within [0, V)
   */
  public DecodingState startDecoding(INDArray[] h0, INDArray[] c0, int[] shortlist) {
    return new DecodingState(this, h0, c0, firstLayerInputs(), null,
        java.util.Objects.requireNonNull(shortlist, "shortlist"));
  }

  /**
   * The first layer's input table, shared read-only by every decoding state: checked against
   * the live weights at each call, rebuilt by one thread when they changed.
   */
  InputProjection firstLayerInputs() {
    InputProjection p = firstLayerInputs;
    if (p != null && p.isCurrent(embedding.table(), layers[0])) {
      return p;
    }
    synchronized (this) {
      p = firstLayerInputs;
      if (p == null || !p.isCurrent(embedding.table(), layers[0])) {
        p = InputProjection.build(embedding.table(), layers[0]);
        firstLayerInputs = p;
      }
      return p;
    }
  }

  /**
   * The output weights' transposed copy, shared read-only by every decoding state: checked
   * against the live weights at each call, rebuilt by one thread when they changed.
   */
  TransposedWeights outputWeightsTransposed() {
    TransposedWeights t = outputTransposed;
    if (t != null && t.isCurrent(outputWeights)) {
      return t;
    }
    synchronized (this) {
      t = outputTransposed;
      if (t == null || !t.isCurrent(outputWeights)) {
        t = TransposedWeights.of(outputWeights);
        outputTransposed = t;
      }
      return t;
    }
  }

  Embedding embedding() {
    return embedding;
  }

  RecurrentLayer layer(int l) {
    return layers[l];
  }

  OutputLayer output() {
    return output;
  }

  DataType dataType() {
    return dataType;
  }

  /** The buffers of teacher forcing; reused across batches, one thread at a time. */
  public final class Workspace {
    private final SequenceWorkspace[] layerSpaces;
    private final GrowableBuffer embedded = new GrowableBuffer(dataType);
    private final GrowableBuffer dEmbedded = new GrowableBuffer(dataType);
    private final GrowableBuffer embeddingMask = new GrowableBuffer(dataType);
    private double labelSmoothing;
    private double objective;
    private boolean embeddingDropped;
    private final GrowableBuffer[] masks;
    private final GrowableBuffer[] droppedInputs;
    private final GrowableBuffer[] h0;
    private final GrowableBuffer[] c0;
    private final GrowableBuffer[] dh0;
    private final GrowableBuffer[] dc0;
    private final GrowableBuffer packed = new GrowableBuffer(dataType);
    private final GrowableBuffer packedMask = new GrowableBuffer(dataType);
    private final GrowableBuffer packedDropped = new GrowableBuffer(dataType);
    private final GrowableBuffer dPacked = new GrowableBuffer(dataType);
    private final GrowableBuffer logits = new GrowableBuffer(dataType);
    private final GrowableBuffer scratch = new GrowableBuffer(dataType);
    private final GrowableBuffer contextInputs = new GrowableBuffer(dataType);
    private final GrowableBuffer dContextInputs = new GrowableBuffer(dataType);
    private final GrowableBuffer rowBias = new GrowableBuffer(dataType);
    private final GrowableBuffer dContext = new GrowableBuffer(dataType);
    private int[] sortedRow;
    private final MatrixRef[][] inputs;
    private INDArray ones;
    private int[] ids = new int[0];
    private int[] targets = new int[0];
    private int[] sentences = new int[0];
    private double[] logProbs = new double[0];
    private int[] order;
    private int[] map;
    private Padding padding;
    private MatrixRef projected;
    private int time;
    private int batch;
    private int positions;
    private boolean dropped;
    private boolean prepared;

    private Workspace() {
      int n = layers.length;
      layerSpaces = new SequenceWorkspace[n];
      masks = new GrowableBuffer[n];
      droppedInputs = new GrowableBuffer[n];
      h0 = new GrowableBuffer[n];
      c0 = new GrowableBuffer[n];
      dh0 = new GrowableBuffer[n];
      dc0 = new GrowableBuffer[n];
      for (int l = 0; l < n; l++) {
        layerSpaces[l] = layers[l].newWorkspace();
        masks[l] = new GrowableBuffer(dataType);
        droppedInputs[l] = new GrowableBuffer(dataType);
        h0[l] = new GrowableBuffer(dataType);
        c0[l] = new GrowableBuffer(dataType);
        dh0[l] = new GrowableBuffer(dataType);
        dc0[l] = new GrowableBuffer(dataType);
      }
      inputs = new MatrixRef[n][];
    }

    SequenceWorkspace layer(int l) {
      return layerSpaces[l];
    }

    /** Number of real target positions of the last forward pass. */
    public int positions() {
      return positions;
    }

    /**
     * Training-only label smoothing for the next forward passes (0 on a new workspace).
     *
     * @param labelSmoothing eps in [0, 1): the loss whose gradient {@link #backward} computes is
     *     the cross-entropy against (1 - eps) onehot + eps / V (see {@link
     *     OutputLayer#crossEntropy(MatrixRef, int[], int, double[], boolean, INDArray, double,
     *     double[])}); the value {@link #forward} returns stays the negative log-likelihood
     */
    public void regularise(double labelSmoothing) {
      // the range of labelSmoothing is checked by OutputLayer.crossEntropy
      this.labelSmoothing = labelSmoothing;
    }

    /**
     * The summed training objective of the last {@link #forward}: the label-smoothed
     * cross-entropy (the negative log-likelihood when smoothing is 0), which {@link #backward}
     * differentiates.
     */
    public double objective() {
      return objective;
    }

    int[] ids(int n) {
      if (ids.length < n) {
        ids = new int[n];
      }
      return ids;
    }

    int[] targets(int n) {
      if (targets.length < n) {
        targets = new int[n];
      }
      return targets;
    }

    int[] sentences(int n) {
      if (sentences.length < n) {
        sentences = new int[n];
      }
      return sentences;
    }

    double[] logProbs(int n) {
      if (logProbs.length < n) {
        logProbs = new double[n];
      }
      return logProbs;
    }

    INDArray ones(int n) {
      if (ones == null || ones.length() < n) {
        ones = Nd4j.ones(dataType, Math.max(1, n));
      }
      return ones;
    }
  }
}
