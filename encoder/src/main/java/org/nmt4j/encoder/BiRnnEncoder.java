package org.nmt4j.encoder;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nmt4j.nn.Dropout;
import org.nmt4j.nn.Embedding;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.recurrent.InputProjection;
import org.nmt4j.nn.recurrent.RecurrentLayer;
import org.nmt4j.nn.recurrent.SequenceWorkspace;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.GrowableBuffer;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.Rows;
import org.nmt4j.nn.ops.TwoStreams;

/**
 * Source embedding followed by N stacked bidirectional recurrent layers of one cell (LSTM, GRU
 * or vanilla RNN, {@link EncoderConfig#cell()}), dropout between layers.
 *
 * <p>Layer l's two directions both read [forward output, backward output] of layer l-1 (the
 * embeddings for l = 0). Parameters: {@code encoder.embedding} [vocabulary, E] and, per layer,
 * {@code encoder.l<l>.fwd.*} and {@code encoder.l<l>.bwd.*} (see {@link RecurrentLayer}).
 *
 * <p>A batch is processed sorted by source length, longest first, so that padded positions
 * cost nothing (see {@link Padding}); that order stays inside: the final states come back in
 * the caller's row order and {@link #backward} takes their gradients in it.
 *
 * <p>Inference (no dropout generator) on batches of at least {@value #TABLE_MIN_POSITIONS} source
 * positions gathers the first layer's input projections from a [V, G*H] table per direction
 * ({@link InputProjection}: every source id's {@code E[v] Wx + b}, built on first use and rebuilt
 * when the weights changed) instead of computing them with a product (5% of an encoder pass at
 * the standard size; the tables take 2 x V x G*H floats, 131 MB for an LSTM at V 8000, H 512).
 *
 * <p>The encoder only reads its parameters; all buffers are in a {@link Workspace}, one per
 * thread. The input tables are shared read-only by all threads.
 */
public final class BiRnnEncoder {
  /**
   * Inference batches with fewer source positions compute the first layer's input projection:
   * checking a table against the live weights (a bitwise compare of the embedding and the input
   * weights, about a millisecond per direction at 8000 x 256) costs more than the product it
   * saves for a few sentences (measured: batch-1 latency up by about 10 ms with the table).
   */
  static final int TABLE_MIN_POSITIONS = 256;

  /** Name of the source embedding table. */
  public static final String EMBEDDING = "encoder.embedding";

  private final EncoderConfig config;
  private final int vocabularySize;
  private final DataType dataType;
  private final Embedding embedding;
  private final RecurrentLayer[][] layers;
  private final Dropout dropout;
  /** Dropout of the source embeddings (training only: with a dropout generator). */
  private final Dropout embeddingDropout;
  /** Whether the products may go to OpenBLAS (see {@link TwoStreams#run}). */
  private final boolean openBlas;
  /** The first layer's input table per direction, or null until first needed. */
  private final AtomicReferenceArray<InputProjection> firstLayerInputs =
      new AtomicReferenceArray<>(2);

  /** Name prefix of one direction of one layer. */
  public static String layerName(int layer, boolean backwardDirection) {
    return "encoder.l" + layer + (backwardDirection ? ".bwd" : ".fwd");
  }

  /** Declares the embedding table and every layer's weights. */
  public static void declare(Parameters.Builder builder, EncoderConfig config, int vocabularySize) {
    Embedding.declare(builder, EMBEDDING, vocabularySize, config.embeddingSize());
    for (int l = 0; l < config.layers(); l++) {
      int in = l == 0 ? config.embeddingSize() : 2 * config.hiddenSize();
      for (int d = 0; d < 2; d++) {
        RecurrentLayer.declare(builder, config.cellType(), layerName(l, d == 1), in,
            config.hiddenSize());
      }
    }
  }

  /** Binds to declared parameters (fails naming the first missing or misshapen tensor). */
  public BiRnnEncoder(Parameters params, EncoderConfig config, int vocabularySize) {
    this.config = config;
    this.vocabularySize = vocabularySize;
    this.dataType = params.dataType();
    this.openBlas = TwoStreams.openBlasProducts(dataType);
    this.embedding = new Embedding(params, EMBEDDING, vocabularySize, config.embeddingSize());
    this.layers = new RecurrentLayer[config.layers()][2];
    for (int l = 0; l < config.layers(); l++) {
      int in = l == 0 ? config.embeddingSize() : 2 * config.hiddenSize();
      for (int d = 0; d < 2; d++) {
        layers[l][d] = new RecurrentLayer(params, config.cellType(), layerName(l, d == 1), in,
            config.hiddenSize(), d == 1);
      }
    }
    this.dropout = new Dropout(config.dropout());
    this.embeddingDropout = new Dropout(config.embeddingDropout());
  }

  /** The configuration. */
  public EncoderConfig config() {
    return config;
  }

  /** Source vocabulary size. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** Initialises the embedding and every layer, in declaration order. */
  public void initialise(InitConfig init, Random rng) {
    embedding.initialise(init, rng);
    for (RecurrentLayer[] layer : layers) {
      for (RecurrentLayer direction : layer) {
        direction.initialise(init, rng);
      }
    }
  }

  /** Fresh buffers for {@link #encode}/{@link #backward}. */
  public Workspace newWorkspace() {
    return new Workspace();
  }

  /**
   * Encodes a padded batch.
   *
   * @param source [batch][width] padded ids (entries at or beyond a row's length are ignored)
   * @param lengths [batch] real lengths, each in [1, width]
   * @param dropoutRng generator for the dropout masks, or null for no dropout (inference)
   * @return the final states and top outputs (views of {@code ws})
   */
  public EncoderState encode(Workspace ws, int[][] source, int[] lengths, Random dropoutRng) {
    long positions = 0;
    for (int n : lengths) {
      positions += n;
    }
    return encode(ws, source, lengths, dropoutRng,
        dropoutRng == null && positions >= TABLE_MIN_POSITIONS);
  }

  /**
   * {@link #encode(Workspace, int[][], int[], Random)}, choosing how the first layer's input
   * projection is computed.
   *
   * @param precomputedInputs gather it from a table of every source id's projection per direction
   *     (see {@link InputProjection}; worth it for inference, where the weights stay put), or
   *     compute it with one product per direction (the reference path)
   */
  public EncoderState encode(Workspace ws, int[][] source, int[] lengths, Random dropoutRng,
      boolean precomputedInputs) {
    int batch = source.length;
    if (lengths.length != batch || batch == 0) {
      throw new IllegalArgumentException("source has " + batch + " rows but " + lengths.length
          + " lengths");
    }
    int time = 0;
    for (int b = 0; b < batch; b++) {
      if (lengths[b] < 1 || lengths[b] > source[b].length) {
        throw new IllegalArgumentException("source row " + b + " has length " + lengths[b]
            + ", outside [1, " + source[b].length + "]");
      }
      time = Math.max(time, lengths[b]);
    }
    int[] order = Padding.longestFirst(lengths);
    int[] sortedLengths = new int[batch];
    for (int r = 0; r < batch; r++) {
      sortedLengths[r] = lengths[order[r]];
    }
    Padding pad = Padding.of(sortedLengths, time, dataType);
    int rows = time * batch;
    int[] ids = ws.ids(rows);
    for (int t = 0; t < time; t++) {
      for (int r = 0; r < batch; r++) {
        int b = order[r];
        ids[t * batch + r] = t < lengths[b] ? source[b][t] : 0;
      }
    }
    ws.order = order;
    ws.padding = pad;
    ws.rows = rows;
    ws.dropped = dropoutRng != null && dropout.active();
    MatrixRef embedded = ws.embedded.matrix(rows, config.embeddingSize());
    embedding.forward(ids, rows, embedded);
    ws.embeddingDropped = dropoutRng != null && embeddingDropout.active();
    if (ws.embeddingDropped) {
      if (precomputedInputs) {
        throw new IllegalArgumentException("precomputed inputs cannot take embedding dropout");
      }
      MatrixRef mask = ws.embeddingMask.matrix(rows, config.embeddingSize());
      embeddingDropout.forward(embedded.view(), mask.view(), embedded.view(), dropoutRng);
    }

    int h = config.hiddenSize();
    MatrixRef[] inputs = {embedded};
    INDArray[][] finalH = new INDArray[layers.length][2];
    INDArray[][] finalC = new INDArray[layers.length][2];
    for (int l = 0; l < layers.length; l++) {
      if (l > 0) {
        SequenceWorkspace below0 = ws.layer(l - 1, 0);
        SequenceWorkspace below1 = ws.layer(l - 1, 1);
        if (ws.dropped) {
          MatrixRef m0 = ws.masks[l][0].matrix(rows, h);
          MatrixRef m1 = ws.masks[l][1].matrix(rows, h);
          MatrixRef x0 = ws.droppedInputs[l][0].matrix(rows, h);
          MatrixRef x1 = ws.droppedInputs[l][1].matrix(rows, h);
          dropout.forward(below0.output().view(), m0.view(), x0.view(), dropoutRng);
          dropout.forward(below1.output().view(), m1.view(), x1.view(), dropoutRng);
          inputs = new MatrixRef[] {x0, x1};
        } else {
          inputs = new MatrixRef[] {below0.output(), below1.output()};
        }
      }
      ws.inputs[l] = inputs;
      final MatrixRef[] in = inputs;
      final int layer = l;
      if (l == 0 && precomputedInputs) {
        // The embedding feeds layer 0 directly (no dropout there): its projections are table rows.
        InputProjection fwd = firstLayerInputs(0);
        InputProjection bwd = firstLayerInputs(1);
        TwoStreams.run(TwoStreams.worthIt((long) rows * h), openBlas,
            () -> layers[0][0].forward(ws.layer(0, 0), pad, fwd, ids, null, null),
            () -> layers[0][1].forward(ws.layer(0, 1), pad, bwd, ids, null, null));
      } else {
        // The two directions are independent: side by side, one core each.
        TwoStreams.run(TwoStreams.worthIt((long) rows * h), openBlas,
            () -> layers[layer][0].forward(ws.layer(layer, 0), pad, in, null, null),
            () -> layers[layer][1].forward(ws.layer(layer, 1), pad, in, null, null));
      }
    }
    // The final states in the caller's row order: row b of each is sentence b.
    boolean hasC = config.cellType().hasCellState();
    int[] rowOf = new int[batch];
    for (int r = 0; r < batch; r++) {
      rowOf[order[r]] = r;
    }
    long block = (long) batch * h;
    INDArray states = ws.finalStates.atLeast(4L * layers.length * block);
    for (int l = 0; l < layers.length; l++) {
      for (int d = 0; d < 2; d++) {
        long off = (4L * l + 2L * d) * block;
        finalH[l][d] = batchOrder(ws.layer(l, d).finalH(), rowOf, states, off, batch, h);
        if (hasC) {
          finalC[l][d] = batchOrder(ws.layer(l, d).finalC(), rowOf, states, off + block, batch, h);
        }
      }
    }
    SequenceWorkspace top0 = ws.layer(layers.length - 1, 0);
    SequenceWorkspace top1 = ws.layer(layers.length - 1, 1);
    return new EncoderState(order, lengths.clone(), time, h, finalH, hasC ? finalC : null,
        new MatrixRef[] {top0.output(), top1.output()});
  }

  /** Rows of {@code sorted} [batch, H] rearranged: row b is sorted row {@code rowOf[b]}. */
  private static INDArray batchOrder(INDArray sorted, int[] rowOf, INDArray buffer, long offset,
      int batch, int h) {
    MatrixRef dst = new MatrixRef(buffer, offset, batch, h, h);
    Rows.gather(MatrixRef.of(sorted), rowOf, dst);
    return dst.view();
  }

  /**
   * The first layer's input table of one direction, shared read-only by every thread: checked
   * against the live weights at each call, rebuilt by one thread when they changed.
   *
   * @param direction 0 forward, 1 backward
   */
  InputProjection firstLayerInputs(int direction) {
    InputProjection p = firstLayerInputs.get(direction);
    if (p != null && p.isCurrent(embedding.table(), layers[0][direction])) {
      return p;
    }
    synchronized (firstLayerInputs) {
      p = firstLayerInputs.get(direction);
      if (p == null || !p.isCurrent(embedding.table(), layers[0][direction])) {
        p = InputProjection.build(embedding.table(), layers[0][direction]);
        firstLayerInputs.set(direction, p);
      }
      return p;
    }
  }

  /**
   * Backpropagates from gradients of the final states through every layer into the embedding,
   * overwriting all encoder parameter gradients. The top outputs are taken as unused.
   *
   * @param dh [layers][2] gradients of {@link EncoderState#finalH} (index 1: backward
   *     direction), [batch, H] in the batch's row order; null entries (or a null array) mean
   *     zero
   * @param dc the same for the cell states (null without a cell state)
   */
  public void backward(Workspace ws, INDArray[][] dh, INDArray[][] dc) {
    if (ws.padding == null) {
      throw new IllegalStateException("backward before encode");
    }
    int rows = ws.rows;
    int top = layers.length - 1;
    int batch = ws.order.length;
    int h = config.hiddenSize();
    long block = (long) batch * h;
    INDArray sortedGradients = ws.sortedGradients.atLeast(4L * layers.length * block);
    for (int l = top; l >= 0; l--) {
      MatrixRef[] dInputs;
      if (l == 0) {
        dInputs = new MatrixRef[] {ws.dEmbedded.matrix(rows, config.embeddingSize())};
      } else {
        dInputs = new MatrixRef[] {ws.layer(l - 1, 0).outputGradient(),
            ws.layer(l - 1, 1).outputGradient()};
      }
      final int layer = l;
      final boolean useOutputGradient = l < top;
      final INDArray[] dhl = new INDArray[2];
      final INDArray[] dcl = new INDArray[2];
      for (int d = 0; d < 2; d++) {
        long off = (4L * l + 2L * d) * block;
        dhl[d] = sortedOrder(dh, l, d, ws.order, sortedGradients, off, batch, h);
        dcl[d] = sortedOrder(dc, l, d, ws.order, sortedGradients, off + block, batch, h);
      }
      TwoStreams.run(TwoStreams.worthIt((long) rows * config.hiddenSize()), openBlas,
          () -> layers[layer][0].backwardThroughTime(ws.layer(layer, 0), ws.inputs[layer],
              useOutputGradient, dhl[0], dcl[0], null, null),
          () -> layers[layer][1].backwardThroughTime(ws.layer(layer, 1), ws.inputs[layer],
              useOutputGradient, dhl[1], dcl[1], null, null));
      // Both directions feed the same input gradient: one after the other.
      for (int d = 0; d < 2; d++) {
        layers[l][d].inputGradients(ws.layer(l, d), ws.inputs[l], dInputs, d == 1);
      }
      if (l > 0 && ws.dropped) {
        for (int d = 0; d < 2; d++) {
          INDArray g = dInputs[d].view();
          dropout.backward(g, ws.masks[l][d].matrix(rows, config.hiddenSize()).view(), g);
        }
      }
    }
    MatrixRef dEmbedded = ws.dEmbedded.matrix(rows, config.embeddingSize());
    if (ws.embeddingDropped) {
      embeddingDropout.backward(dEmbedded.view(),
          ws.embeddingMask.matrix(rows, config.embeddingSize()).view(), dEmbedded.view());
    }
    embedding.backward(ws.ids, rows, dEmbedded, false);
  }

  /** Gradient {@code g[l][d]} (batch order) in the sorted order, or null when not given. */
  private static INDArray sortedOrder(INDArray[][] g, int l, int d, int[] order, INDArray buffer,
      long offset, int batch, int h) {
    if (g == null || g[l] == null || g[l][d] == null) {
      return null;
    }
    MatrixRef dst = new MatrixRef(buffer, offset, batch, h, h);
    Rows.gather(MatrixRef.of(g[l][d]), order, dst);
    return dst.view();
  }

  /** The buffers of one encoder run; reused across batches, one thread at a time. */
  public final class Workspace {
    private final SequenceWorkspace[][] layerSpaces;
    private final GrowableBuffer embedded;
    private final GrowableBuffer dEmbedded;
    private final GrowableBuffer embeddingMask = new GrowableBuffer(dataType);
    /** The final states in batch order, [layers][2][h, c] blocks of [batch, H]. */
    private final GrowableBuffer finalStates = new GrowableBuffer(dataType);
    /** Their gradients in the sorted order, the same layout. */
    private final GrowableBuffer sortedGradients = new GrowableBuffer(dataType);
    private boolean embeddingDropped;
    private final GrowableBuffer[][] masks;
    private final GrowableBuffer[][] droppedInputs;
    private final MatrixRef[][] inputs;
    private int[] ids = new int[0];
    private int[] order;
    private Padding padding;
    private int rows;
    private boolean dropped;

    private Workspace() {
      int n = layers.length;
      layerSpaces = new SequenceWorkspace[n][2];
      masks = new GrowableBuffer[n][2];
      droppedInputs = new GrowableBuffer[n][2];
      for (int l = 0; l < n; l++) {
        for (int d = 0; d < 2; d++) {
          layerSpaces[l][d] = layers[l][d].newWorkspace();
          masks[l][d] = new GrowableBuffer(dataType);
          droppedInputs[l][d] = new GrowableBuffer(dataType);
        }
      }
      embedded = new GrowableBuffer(dataType);
      dEmbedded = new GrowableBuffer(dataType);
      inputs = new MatrixRef[n][];
    }

    /**
     * The workspace of layer l, direction d (0 forward, 1 backward) after the last {@link
     * #encode}: read its per-step states ({@link SequenceWorkspace#hiddenState}, {@link
     * SequenceWorkspace#cellState}) only; rows are in the encoder's own (length-sorted) order.
     */
    public SequenceWorkspace layer(int l, int d) {
      return layerSpaces[l][d];
    }

    int[] ids(int n) {
      if (ids.length < n) {
        ids = new int[n];
      }
      return ids;
    }
  }
}
