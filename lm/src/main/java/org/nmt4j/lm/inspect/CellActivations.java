package org.nmt4j.lm.inspect;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.lm.LanguageModel;
import org.nmt4j.lm.data.LmText;
import org.nmt4j.lm.model.ChunkBuffers;
import org.nmt4j.lm.model.RecurrentState;
import org.nmt4j.lm.model.RnnLanguageModel;
import org.nmt4j.nn.recurrent.SequenceWorkspace;

/**
 * The activations of every cell of one layer at every position of a text: the cell state c for an
 * LSTM, the hidden state h for a GRU or vanilla RNN, after reading each token. Read from the
 * layers' own forward pass ({@link SequenceWorkspace#cellState}, {@link
 * SequenceWorkspace#hiddenState}), not recomputed.
 *
 * @param tokens [T] the tokens as read (the end-of-line token {@code </s>} for a line break)
 * @param values [T][H] the activation of each cell after each token
 * @param state "c" or "h": which state the values are
 * @param layer the layer they come from
 */
public record CellActivations(List<String> tokens, float[][] values, String state, int layer) {
  private static final int CHUNK = 100;

  /** Number of cells H. */
  public int cells() {
    return values.length == 0 ? 0 : values[0].length;
  }

  /** The activation series of one cell [T]. */
  public double[] cell(int i) {
    double[] s = new double[values.length];
    for (int t = 0; t < s.length; t++) {
      s[t] = values[t][i];
    }
    return s;
  }

  /**
   * Runs a language model over text lines (each ended by an end of line) and records layer
   * {@code layer}'s activations.
   *
   * @param maxTokens read at most this many tokens
   */
  public static CellActivations of(LanguageModel lm, List<String> lines, int layer, int maxTokens) {
    RnnLanguageModel model = lm.network();
    int layers = model.config().layers();
    if (layer < 0 || layer >= layers) {
      throw new IllegalArgumentException("--layer must be in [0, " + (layers - 1) + "], got " + layer);
    }
    List<String> tokens = lm.text().tokens(lines);
    if (tokens.size() > maxTokens) {
      tokens = tokens.subList(0, maxTokens);
    }
    int[] ids = lm.text().ids(tokens);
    boolean lstm = model.config().cell().hasCellState();
    int h = model.config().hidden();
    float[][] values = new float[ids.length][];
    ChunkBuffers buffers = model.newChunkBuffers();
    RecurrentState state = model.zeroState(1);
    for (int t0 = 0; t0 < ids.length; t0 += CHUNK) {
      int time = Math.min(CHUNK, ids.length - t0);
      int[] in = java.util.Arrays.copyOfRange(ids, t0, t0 + time);
      buffers.run(in, in, time, 1, null, state, false, null);
      SequenceWorkspace ws = buffers.workspace(layer);
      for (int t = 0; t < time; t++) {
        INDArray a = lstm ? ws.cellState(t) : ws.hiddenState(t);
        values[t0 + t] = a.dup().reshape(h).toFloatVector();
      }
    }
    return new CellActivations(List.copyOf(tokens), values, lstm ? "c" : "h", layer);
  }

  /**
   * Runs a translation model's encoder over text lines, one line at a time, and records the
   * forward direction of layer {@code layer}: the source tokens (after the model's tokenizer and
   * BPE) of each line, then an end-of-line entry holding the line's final state.
   */
  public static CellActivations ofEncoder(org.nmt4j.translator.io.TrainedModel tm,
      List<String> lines, int layer, int maxTokens) {
    org.nmt4j.encoder.BiRnnEncoder encoder = tm.model().encoder();
    int layers = encoder.config().layers();
    if (layer < 0 || layer >= layers) {
      throw new IllegalArgumentException("--layer must be in [0, " + (layers - 1) + "], got " + layer);
    }
    boolean lstm = encoder.config().cellType().hasCellState();
    org.nmt4j.encoder.BiRnnEncoder.Workspace ws = encoder.newWorkspace();
    java.util.List<String> tokens = new java.util.ArrayList<>();
    java.util.List<float[]> values = new java.util.ArrayList<>();
    for (String line : lines) {
      if (tokens.size() >= maxTokens) {
        break;
      }
      List<String> toks = tm.sourcePipeline().encode(line);
      if (toks.isEmpty()) {
        continue;
      }
      int[] ids = tm.sourceVocabulary().encode(toks);
      encoder.encode(ws, new int[][] {ids}, new int[] {ids.length}, null, false);
      SequenceWorkspace sw = ws.layer(layer, 0);
      float[] last = null;
      for (int t = 0; t < ids.length; t++) {
        INDArray a = lstm ? sw.cellState(t) : sw.hiddenState(t);
        last = a.dup().reshape(a.length()).toFloatVector();
        tokens.add(toks.get(t));
        values.add(last);
      }
      tokens.add(org.nmt4j.tokenization.Vocabulary.EOS_TOKEN);
      values.add(last);
    }
    return new CellActivations(List.copyOf(tokens), values.toArray(new float[0][]),
        lstm ? "c" : "h", layer);
  }

  /**
   * Runs a translation model over source lines, one line at a time, translating greedily step by
   * step, and records decoder layer {@code layer}: each output token (in the target vocabulary,
   * {@code </s>} last) with the state that predicted it, i.e. the carried state after the step
   * whose logits chose that token. The tokens are the greedy translation that {@code translate}
   * gives with its default options ({@code <pad>}, {@code <s>} and {@code <unk>} never chosen).
   * Each line's output is capped as {@code translate} caps it by default.
   *
   * @param lines source-language lines
   */
  public static CellActivations ofDecoder(org.nmt4j.translator.io.TrainedModel tm,
      List<String> lines, int layer, int maxTokens) {
    org.nmt4j.translator.model.Seq2SeqModel model = tm.model();
    int layers = model.config().decoder().layers();
    if (layer < 0 || layer >= layers) {
      throw new IllegalArgumentException("--layer must be in [0, " + (layers - 1) + "], got " + layer);
    }
    boolean lstm = model.config().decoder().cellType().hasCellState();
    org.nmt4j.tokenization.Vocabulary targets = tm.targetVocabulary();
    int vocabulary = model.targetVocabularySize();
    float[] logits = new float[vocabulary];
    java.util.List<String> tokens = new java.util.ArrayList<>();
    java.util.List<float[]> values = new java.util.ArrayList<>();
    for (String line : lines) {
      if (tokens.size() >= maxTokens) {
        break;
      }
      List<String> toks = tm.sourcePipeline().encode(line);
      if (toks.isEmpty()) {
        continue;
      }
      int[] ids = tm.sourceVocabulary().encode(toks);
      org.nmt4j.decoder.DecodingState state = model.startDecoding(
          new org.nmt4j.corpora.batch.SourceBatcher(1).batches(List.of(ids)).get(0));
      int limit = org.nmt4j.translator.DecodingOptions.greedy().maxLengthFor(ids.length) + 1;
      int previous = org.nmt4j.tokenization.Vocabulary.BOS;
      for (int t = 0; t < limit && tokens.size() < maxTokens; t++) {
        state.step(new int[] {previous}, logits);
        int best = argmax(logits);
        INDArray a = lstm ? state.cellState(layer) : state.hiddenState(layer);
        values.add(a.dup().reshape(a.length()).toFloatVector());
        tokens.add(targets.token(best));
        if (best == org.nmt4j.tokenization.Vocabulary.EOS) {
          break;
        }
        previous = best;
      }
    }
    return new CellActivations(List.copyOf(tokens), values.toArray(new float[0][]),
        lstm ? "c" : "h", layer);
  }

  /** The largest entry's index, never pad, start or unknown (ids 0 to 2). */
  private static int argmax(float[] v) {
    int best = org.nmt4j.tokenization.Vocabulary.EOS;
    for (int i = best + 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
