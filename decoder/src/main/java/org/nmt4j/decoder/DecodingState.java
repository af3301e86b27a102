package org.nmt4j.decoder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.recurrent.InputProjection;
import org.nmt4j.nn.recurrent.RecurrentLayer;
import org.nmt4j.nn.TransposedWeights;
import org.nmt4j.nn.ops.ArrayOps;
import org.nmt4j.nn.ops.BlockSeries;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.NativeMemory;
import org.nmt4j.nn.ops.OneCore;
import org.nmt4j.nn.ops.Rows;
import org.nmt4j.nn.ops.TwoStreams;
import org.nmt4j.decoder.search.StepDecoder;

/**
 * Step-by-step decoding of a batch: the carried h (and c) of every decoder layer and the buffers
 * of one step, created by {@link SeededRnnDecoder#startDecoding}.
 *
 * <p>Each {@link #step} takes the previous token of every sentence and writes the next-token
 * logits into {@link #logits()}; it allocates nothing. {@link #retain} drops finished sentences
 * so later steps compute only the rest.
 *
 * <p>Small batches split each step over two cores ({@link #splitRows()}): once the top layer's
 * state is known, the calling thread computes most of the logit columns while a second thread
 * ({@link TwoStreams}, single-threaded products on both) computes the rest and, ahead of time,
 * every layer's recurrent product {@code h Wh} for the next step ({@link
 * RecurrentLayer#recurrentAhead}): it depends on this step's states only, not on the token the
 * caller will choose. The split is by weight bytes, so that both threads read about as much
 * (for the standard model, one quarter of the output columns plus the recurrent products on the
 * second thread). Each logit and gate is computed with the same arithmetic either way, so
 * results do not change. Why: at batch 1 a step is a chain of matrix-vector products that read
 * every weight once (bound by memory bandwidth); split across the cores by OpenMP, each pays a
 * fork and a join (a quarter of the product time at batch 1) and the work between them leaves a
 * core idle. The split runs only while {@link TwoStreams#responsive()} (the helper thread starts
 * promptly): under other processes' load it made batch 1 5-40% slower, so the step then stays
 * on the calling thread. Checked against the plain step in {@code SplitStepTest} (greedy tokens
 * equal, logits equal in double, within 1.2e-7 in float). Measured: see {@link
 * #DEFAULT_SPLIT_ROWS}.
 *
 * <p>Threads: the state owns every buffer it writes and only reads the model's parameters, so
 * any number of states of one model may step at once on different threads (while no thread
 * trains the model). One state must not be used by two threads at once.
 */
public final class DecodingState implements StepDecoder {
  /** System property: {@link #splitRows()}. */
  public static final String SPLIT_ROWS_PROPERTY = "nmt4j.decoder.split.rows";
  /**
   * Default of {@link #splitRows()}: not a measured crossover (only batch 1 was measured). On
   * the 2-core build machine ({@code Intel(R) Xeon(R) Processor}, 2026-12-07, load average
   * 2.0-2.2), the sentences of {@code bench translate --sentences 64 --latency-runs 40} at
   * batch 1, alternating in one process, took 48.4 and 47.0 ms with the split step and the
   * side-by-side encoder, 52.4 and 49.4 ms with the encoder alone, 62.0 and 56.0 ms with
   * neither (float32); bf16 40.9 and 40.2, 41.8 and 40.3, 48.4 and 45.5 ms. At load 6-6.5 with
   * the split forced it was slower (70.1 against 66.8 ms, float32): hence {@link
   * TwoStreams#responsive()}.
   */
  public static final int DEFAULT_SPLIT_ROWS = 4;

  private static volatile int splitRows = Math.max(0,
      Integer.getInteger(SPLIT_ROWS_PROPERTY, DEFAULT_SPLIT_ROWS));

  private final SeededRnnDecoder decoder;
  private final int capacity;
  private final int layers;
  private final int hidden;
  private final int vocabulary;
  private final BlockSeries hs;
  private final BlockSeries cs;
  private final BlockSeries scratch;
  private final BlockSeries embedded;
  private final BlockSeries logits;
  /**
   * The log-softmax of the logits [capacity, V] for {@link #logNormalizers}, or null where the
   * logits are not float or float elementwise work does not go to oneDNN.
   */
  private final BlockSeries logProbabilities;
  /** The memory of {@link #logProbabilities}, read one element per row. */
  private final java.nio.FloatBuffer logProbabilityReader;
  private final org.nmt4j.nn.recurrent.StepBuffers[] stepBuffers;
  private final INDArray ones;
  private final int[] ids;
  /** The first layer's input projection per token id, or null to compute it each step. */
  private final InputProjection firstLayerInputs;
  /** The output weights transposed for the step product, or null to read them transposed. */
  private final TransposedWeights outputTransposed;
  /** With a source context: each row's context [capacity, Hd] (the top layer's initial h). */
  private final BlockSeries context;
  /** With a source context and the input table: context times its rows of Wx, [capacity, 4H]. */
  private final BlockSeries contextGates;
  /** With a source context and no shortlist: b + context C^T per row, [capacity, V]. */
  private final BlockSeries rowBias;
  /** Scratch for reordering rows of the widest per-row buffer. */
  private final BlockSeries wideScratch;
  /** The output layer over a shortlist of target ids, or null for the whole vocabulary. */
  private final ShortlistedOutput shortlisted;
  /**
   * The logit columns the calling thread computes in a split step where the output product
   * splits by columns: [0, splitColumn).
   */
  private final int splitColumn;
  /** The calling thread's columns [0, stepColumn) in the split step in progress. */
  private int stepColumn;
  /** The calling thread's part of a split step (made once: no allocation per step). */
  private final Runnable ownPart;
  /** The second thread's part of a split step. */
  private final Runnable otherPart;
  /** Whether the products may go to OpenBLAS (see {@link TwoStreams#run}). */
  private final boolean openBlas;
  /** The operands of the split step in progress. */
  private MatrixRef stepInput;
  private MatrixRef stepLogits;
  /** See {@link #forceSplit}. */
  private Boolean forcedSplit;
  private int batch;
  private int[] sentence;

  DecodingState(SeededRnnDecoder decoder, INDArray[] h0, INDArray[] c0,
      InputProjection firstLayerInputs, TransposedWeights outputTransposed, int[] shortlist) {
    this.decoder = decoder;
    this.firstLayerInputs = firstLayerInputs;
    this.outputTransposed = outputTransposed;
    this.capacity = h0.length == 0 ? 0 : (int) h0[0].size(0);
    this.layers = decoder.layers();
    this.hidden = decoder.config().hiddenSize();
    this.vocabulary = decoder.vocabularySize();
    if (capacity == 0) {
      throw new IllegalArgumentException("decoding needs at least one sentence");
    }
    boolean hasC = decoder.hasCellState();
    if (h0.length != layers || (hasC && (c0 == null || c0.length != layers))) {
      throw new IllegalArgumentException("need initial states for " + layers + " layers");
    }
    DataType type = decoder.dataType();
    int e = decoder.config().embeddingSize();
    long block = (long) capacity * hidden;
    int stateBlocks = hasC ? 2 * layers : layers;
    INDArray states = Nd4j.create(type, (stateBlocks + 1L) * block);
    hs = new BlockSeries(states, 0, layers, capacity, hidden);
    cs = hasC ? new BlockSeries(states, layers * block, layers, capacity, hidden) : null;
    scratch = new BlockSeries(states, stateBlocks * block, 1, capacity, hidden);
    embedded = new BlockSeries(Nd4j.create(type, (long) capacity * e), 0, 1, capacity, e);
    logits = new BlockSeries(Nd4j.create(type, (long) capacity * vocabulary), 0, 1, capacity,
        vocabulary);
    logProbabilities = type == DataType.FLOAT && "oneDNN".equals(ArrayOps.floatBackend())
        ? new BlockSeries(Nd4j.create(type, (long) capacity * vocabulary), 0, 1, capacity,
            vocabulary)
        : null;
    logProbabilityReader = logProbabilities == null ? null
        : NativeMemory.floatBuffer(logProbabilities.buffer(), 0, capacity * vocabulary);
    stepBuffers = new org.nmt4j.nn.recurrent.StepBuffers[layers];
    for (int l = 0; l < layers; l++) {
      stepBuffers[l] = decoder.layer(l).newStepBuffers(capacity);
      Rows.copy(MatrixRef.of(h0[l]), 0, ref(hs, l, capacity), 0, capacity);
      if (hasC) {
        Rows.copy(MatrixRef.of(c0[l]), 0, ref(cs, l, capacity), 0, capacity);
      }
    }
    ones = Nd4j.ones(type, capacity);
    if (decoder.config().sourceContext()) {
      int g4 = decoder.layer(0).gateWidth();
      context = new BlockSeries(Nd4j.create(type, block), 0, 1, capacity, hidden);
      Rows.copy(ref(hs, layers - 1, capacity), 0, ref(context, 0, capacity), 0, capacity);
      // with a shortlist, the listed ids' part only (ShortlistedOutput)
      rowBias = shortlist != null ? null : new BlockSeries(
          Nd4j.create(type, (long) capacity * vocabulary), 0, 1, capacity, vocabulary);
      if (rowBias != null) {
        decoder.output().rowBias(ref(context, 0, capacity), ones, ref(rowBias, 0, capacity));
      }
      if (firstLayerInputs != null) {
        // the context's rows of the first layer's Wx follow the embedding's E rows
        contextGates = new BlockSeries(Nd4j.create(type, (long) capacity * g4), 0, 1, capacity,
            g4);
        Gemm.gemm(false, false, capacity, g4, hidden, 1, context.buffer(), 0, hidden,
            decoder.layer(0).inputWeights(), (long) e * g4, g4, 0, contextGates.buffer(), 0, g4);
      } else {
        contextGates = null;
      }
      int wide = rowBias != null ? Math.max(vocabulary, g4) : g4;
      wideScratch = new BlockSeries(Nd4j.create(type, (long) capacity * wide), 0, 1, capacity,
          wide);
    } else {
      context = null;
      contextGates = null;
      rowBias = null;
      wideScratch = null;
    }
    if (shortlist != null) {
      shortlisted = new ShortlistedOutput(shortlist, decoder.output(),
          context != null ? ref(context, 0, capacity) : null, capacity, type);
      shortlisted.clear(logits.buffer());
    } else {
      shortlisted = null;
    }
    splitColumn = splitColumn(decoder);
    ownPart = () -> decoder.output().addProduct(stepInput, outputTransposed, stepLogits, 0,
        stepColumn);
    otherPart = this::otherPart;
    openBlas = TwoStreams.openBlasProducts(type);
    ids = new int[capacity];
    batch = capacity;
    sentence = new int[capacity];
    for (int b = 0; b < capacity; b++) {
      sentence[b] = b;
    }
  }

  /**
   * The first logit column of the second thread in a split step: both threads then read about
   * as many weights (the second one also reads every layer's Wh), in whole cache lines.
   */
  static int splitColumn(SeededRnnDecoder decoder) {
    int v = decoder.vocabularySize();
    double output = (double) v * decoder.output().inputSize();
    double recurrent = 0;
    for (int l = 0; l < decoder.layers(); l++) {
      recurrent += (double) decoder.layer(l).hiddenSize() * decoder.layer(l).gateWidth();
    }
    double otherColumns = Math.max(0, (output - recurrent) / 2) / decoder.output().inputSize();
    int column = v - (int) (Math.round(otherColumns / 16) * 16);
    return Math.max(0, Math.min(v, column));
  }

  /**
   * Most rows of a step split over two cores (see the class comment); 0 turns the split off.
   * Set by the system property {@value #SPLIT_ROWS_PROPERTY}, default {@value
   * #DEFAULT_SPLIT_ROWS}.
   */
  public static int splitRows() {
    return splitRows;
  }

  /** Sets {@link #splitRows()} for the whole process (results are the same either way). */
  public static void setSplitRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("split rows must be >= 0, got " + rows);
    }
    splitRows = rows;
  }

  /**
   * Whether a step of {@code rows} rows is split: small enough ({@link #splitRows()}), two
   * cores to split over ({@link TwoStreams#enabled()}) and not on a thread that keeps to one
   * core ({@link OneCore}); or as {@link #forceSplit} says.
   */
  private boolean splits(int rows) {
    if (shortlisted != null) {
      // the split shares the whole output product's columns; a shortlist's product is small
      return false;
    }
    if (forcedSplit != null) {
      return forcedSplit;
    }
    return rows <= splitRows && TwoStreams.enabled() && !OneCore.isCurrentThread()
        && TwoStreams.responsive();
  }

  /**
   * For tests: split every step of this state ({@code true}; the two parts run one after the
   * other where {@link TwoStreams} is off, with the same arithmetic), none ({@code false}), or
   * as the policy says ({@code null}).
   */
  void forceSplit(Boolean split) {
    forcedSplit = split;
  }

  /** The second thread's part of a split step: the recurrent parts ahead, then its columns. */
  private void otherPart() {
    for (int l = 0; l < layers; l++) {
      decoder.layer(l).recurrentAhead(stepBuffers[l], hs.head(l, batch));
    }
    if (stepColumn < vocabulary) {
      decoder.output().addProduct(stepInput, outputTransposed, stepLogits, stepColumn,
          vocabulary);
    }
  }

  private static MatrixRef ref(BlockSeries s, int block, int rows) {
    return new MatrixRef(s.buffer(), s.offset(block), rows, s.cols(), s.cols());
  }

  /** Number of sentences still decoded (rows of {@link #logits()}). */
  public int batchSize() {
    return batch;
  }

  /** Same as {@link #batchSize()}. */
  @Override
  public int rows() {
    return batch;
  }

  /** {@link #step(int[])}, then {@link #copyLogits(float[])}. */
  @Override
  public void step(int[] previousTokens, float[] logits) {
    step(previousTokens);
    copyLogits(logits);
  }

  /** Where the logits are float and oneDNN does elementwise work ({@link #logNormalizers}). */
  @Override
  public boolean computesLogNormalizers() {
    return logProbabilities != null;
  }

  /**
   * From the log-softmax of the last step's logits in one oneDNN call ({@link
   * ArrayOps#logSoftmaxRows(INDArray, INDArray)}): at a row's maximum the log-probability is
   * {@code 0 - log(sum_j exp(l[r, j] - max))}, so the log-normaliser is the maximum minus it.
   * oneDNN's kernel computes the exponentials in SIMD code; the Java reduction it replaces
   * ({@code RowMath.logSumExp}, 10 us per row of 8,000) took 0.63 ms per step of 64 rows on one
   * core of an AMD EPYC (Zen 4), oneDNN 0.26-0.38 ms (scratch program).
   */
  @Override
  public void logNormalizers(float[] written, int rows, int[] best, float[] max, double[] out) {
    if (logProbabilities == null) {
      StepDecoder.super.logNormalizers(written, rows, best, max, out);
      return;
    }
    if (rows < 1 || rows > batch) {
      throw new IllegalArgumentException(rows + " rows of " + batch);
    }
    INDArray y = logProbabilities.head(0, rows);
    if (!ArrayOps.logSoftmaxRows(logits.head(0, rows), y)) {
      throw new IllegalStateException("oneDNN's log-softmax refused the logits");
    }
    for (int r = 0; r < rows; r++) {
      out[r] = max[r] - (double) logProbabilityReader.get(r * vocabulary + best[r]);
    }
  }

  /** {@link #retain(int[])} with the first {@code count} entries of {@code keep}. */
  @Override
  public void retainRows(int[] keep, int count) {
    retain(java.util.Arrays.copyOf(keep, count));
  }

  /**
   * The shortlisted target ids the logits are computed for (every other logit is -infinity),
   * or null where the state computes the whole vocabulary.
   */
  public int[] shortlist() {
    return shortlisted == null ? null : shortlisted.columns();
  }

  /** Target vocabulary size (columns of {@link #logits()}). */
  @Override
  public int vocabularySize() {
    return vocabulary;
  }

  /**
   * Which original sentence each current row is: row r decodes sentence {@code
   * sentences()[r]} of the batch the state was started with (a copy).
   */
  public int[] sentences() {
    return java.util.Arrays.copyOf(sentence, batch);
  }

  /**
   * Advances every sentence by one token.
   *
   * @param previousTokens [batchSize()] (at least) the previous token of each row ({@code <s>}
   *     at the first step)
   */
  public void step(int[] previousTokens) {
    if (previousTokens.length < batch) {
      throw new IllegalArgumentException(
          "need " + batch + " previous tokens, got " + previousTokens.length);
    }
    System.arraycopy(previousTokens, 0, ids, 0, batch);
    int e = decoder.config().embeddingSize();
    MatrixRef x = new MatrixRef(embedded.buffer(), 0, batch, e, e);
    if (firstLayerInputs != null && context != null) {
      decoder.layer(0).step(stepBuffers[0], firstLayerInputs, ids, contextGates.head(0, batch),
          hs.head(0, batch), cell(0));
    } else if (firstLayerInputs != null) {
      decoder.layer(0).step(stepBuffers[0], firstLayerInputs, ids, hs.head(0, batch),
          cell(0));
    } else {
      decoder.embedding().forward(ids, batch, x);
      MatrixRef[] inputs = context == null ? new MatrixRef[] {x}
          : new MatrixRef[] {x, ref(context, 0, batch)};
      decoder.layer(0).step(stepBuffers[0], inputs, hs.head(0, batch), cell(0));
    }
    x = ref(hs, 0, batch);
    for (int l = 1; l < layers; l++) {
      decoder.layer(l).step(stepBuffers[l], new MatrixRef[] {x}, hs.head(l, batch), cell(l));
      x = ref(hs, l, batch);
    }
    if (shortlisted != null) {
      shortlisted.step(x, logits.buffer());
      return;
    }
    MatrixRef out = new MatrixRef(logits.buffer(), 0, batch, vocabulary, vocabulary);
    if (rowBias != null) {
      NativeMemory.copy(rowBias.buffer(), 0, logits.buffer(), 0, (long) batch * vocabulary);
    } else {
      decoder.output().bias(batch, ones, out);
    }
    if (splits(batch)) {
      stepInput = x;
      stepLogits = out;
      stepColumn = decoder.output().splitsByColumns(batch) ? splitColumn : vocabulary;
      TwoStreams.run(true, openBlas, ownPart, otherPart);
    } else {
      decoder.output().addProduct(x, outputTransposed, out);
    }
  }

  /** The logits of the last step: [batchSize(), V], a view owned by this state. */
  public INDArray logits() {
    return logits.head(0, batch);
  }

  /** Copies the logits of the last step into {@code out} (row-major, at least batch * V long). */
  public void copyLogits(float[] out) {
    if (out.length < batch * vocabulary) {
      throw new IllegalArgumentException("need " + batch * vocabulary + " floats");
    }
    INDArray buf = logits.buffer();
    if (buf.dataType() == DataType.FLOAT) {
      NativeMemory.read(buf, 0, out, 0, batch * vocabulary);
    } else {
      double[] d = new double[batch * vocabulary];
      NativeMemory.readDoubles(buf, 0, d, 0, d.length);
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
    }
  }

  /** Hidden state of decoder layer l: [batchSize(), Hd] (a view owned by this state). */
  public INDArray hiddenState(int layer) {
    return hs.head(layer, batch);
  }

  /** Cell state of decoder layer l: [batchSize(), Hd], or null when the cell has none. */
  public INDArray cellState(int layer) {
    return cell(layer);
  }

  private INDArray cell(int layer) {
    return cs == null ? null : cs.head(layer, batch);
  }

  /**
   * Keeps only the given rows, in the given order (e.g. the unfinished sentences); later steps
   * compute only those. {@link #sentences()} follows along.
   *
   * @param rows distinct current row indices
   */
  public void retain(int[] rows) {
    int n = rows.length;
    if (n == 0 || n > batch) {
      throw new IllegalArgumentException("retain needs 1 to " + batch + " rows, got " + n);
    }
    boolean[] seen = new boolean[batch];
    int[] nextSentence = new int[n];
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      if (r < 0 || r >= batch || seen[r]) {
        throw new IllegalArgumentException("retain: bad or repeated row " + r);
      }
      seen[r] = true;
      nextSentence[i] = sentence[r];
    }
    MatrixRef tmp = ref(scratch, 0, n);
    for (int l = 0; l < layers; l++) {
      stepBuffers[l].forgetRecurrentAhead();
      Rows.gather(ref(hs, l, batch), rows, tmp);
      Rows.copy(tmp, 0, ref(hs, l, n), 0, n);
      if (cs != null) {
        Rows.gather(ref(cs, l, batch), rows, tmp);
        Rows.copy(tmp, 0, ref(cs, l, n), 0, n);
      }
    }
    if (context != null) {
      keepRows(context, rows);
      if (rowBias != null) {
        keepRows(rowBias, rows);
      }
      if (contextGates != null) {
        keepRows(contextGates, rows);
      }
    }
    if (shortlisted != null) {
      shortlisted.keepRows(rows, batch);
    }
    sentence = nextSentence;
    batch = n;
  }

  /** Reorders the first rows of a per-row buffer to {@code rows} (through the scratch). */
  private void keepRows(BlockSeries series, int[] rows) {
    int n = rows.length;
    MatrixRef tmp = new MatrixRef(wideScratch.buffer(), 0, n, series.cols(), series.cols());
    Rows.gather(ref(series, 0, batch), rows, tmp);
    Rows.copy(tmp, 0, ref(series, 0, n), 0, n);
  }
}
