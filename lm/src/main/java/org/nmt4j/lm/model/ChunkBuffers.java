package org.nmt4j.lm.model;

import static org.nmt4j.lm.model.RnnLanguageModel.one;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.decoder.OutputLayer;
import org.nmt4j.nn.Dropout;
import org.nmt4j.nn.Padding;
import org.nmt4j.nn.ops.ArrayOps;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.recurrent.RecurrentLayer;
import org.nmt4j.nn.recurrent.SequenceWorkspace;

/**
 * The buffers of a language model's run over one chunk of parallel text streams (time-major
 * [time, batch]), and the run itself: forward, loss, and optionally backward through the chunk
 * (truncated BPTT: the chunk starts from the carried state as a constant, and its final state is
 * carried on without a gradient). One instance per thread; buffers grow on demand.
 */
public final class ChunkBuffers {
  private final RnnLanguageModel model;
  private final DataType type;
  private final SequenceWorkspace[] ws;
  private final Dropout dropout;
  private int rows = -1;
  private int time = -1;
  private int batch = -1;
  private Padding full;
  private INDArray embedded;
  private INDArray dEmbedded;
  /** Inputs of layer l after dropout (index L: the output layer's input), and their masks. */
  private INDArray[] dropped;
  private INDArray[] masks;
  private INDArray[] dDropped;
  private INDArray logits;
  private INDArray ones;
  private INDArray scratch;
  private double[] logProbs;

  ChunkBuffers(RnnLanguageModel model) {
    this.model = model;
    this.type = model.parameters().dataType();
    this.ws = new SequenceWorkspace[model.layers.length];
    for (int l = 0; l < ws.length; l++) {
      ws[l] = model.layers[l].newWorkspace();
    }
    this.dropout = new Dropout(model.config().dropout());
  }

  private void ensure(int time, int batch) {
    if (time == this.time && batch == this.batch) {
      return;
    }
    int n = time * batch;
    int v = model.vocabularySize();
    int h = model.config().hidden();
    int e = model.config().embedding();
    int layers = model.layers.length;
    if (n > rows) {
      embedded = Nd4j.create(type, n, e);
      dEmbedded = Nd4j.create(type, n, e);
      logits = Nd4j.create(type, n, v);
      ones = Nd4j.ones(type, n);
      scratch = Nd4j.create(type, 3L * n);
      logProbs = new double[n];
      if (dropout.active()) {
        dropped = new INDArray[layers + 1];
        masks = new INDArray[layers + 1];
        dDropped = new INDArray[layers + 1];
        for (int l = 0; l <= layers; l++) {
          int w = l == 0 ? e : h;
          dropped[l] = Nd4j.create(type, n, w);
          masks[l] = Nd4j.create(type, n, w);
          dDropped[l] = Nd4j.create(type, n, w);
        }
      }
      rows = n;
    }
    int[] lengths = new int[batch];
    java.util.Arrays.fill(lengths, time);
    full = Padding.of(lengths, time, type);
    this.time = time;
    this.batch = batch;
  }

  private static INDArray head(INDArray a, int n) {
    return a.rows() == n ? a : a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
  }

  /**
   * Runs the model over one chunk and returns the summed negative log-likelihood (nats) of the
   * targets at the real positions; {@code state} becomes the chunk's final state.
   *
   * @param inputs [time * batch] input ids, time-major (position t of stream b at t * batch + b)
   * @param targets [time * batch] the id that follows each input
   * @param pad the real length of each stream in this chunk (non-increasing), or null when all
   *     are {@code time} long
   * @param state [batch, H] per layer: the initial state on entry (a constant), the final state
   *     on return
   * @param backward whether to compute the gradient of the mean NLL over the chunk's positions
   *     into the parameters' gradients (overwriting them); needs {@code pad == null}
   * @param dropoutRng dropout masks are drawn from it; null runs without dropout (evaluation)
   */
  public double run(int[] inputs, int[] targets, int time, int batch, Padding pad,
      RecurrentState state, boolean backward, Random dropoutRng) {
    if (backward && pad != null) {
      throw new IllegalArgumentException("training chunks have no padding");
    }
    ensure(time, batch);
    Padding p = pad == null ? full : pad;
    int n = time * batch;
    boolean drop = dropout.active() && dropoutRng != null;
    RecurrentLayer[] layers = model.layers;
    INDArray emb = head(embedded, n);
    model.embedding.forward(inputs, n, MatrixRef.of(emb));
    MatrixRef[] in = new MatrixRef[layers.length + 1];
    for (int l = 0; l <= layers.length; l++) {
      INDArray src = l == 0 ? emb : ws[l - 1].output().view();
      if (drop) {
        INDArray d = head(dropped[l], n);
        dropout.forward(src, head(masks[l], n), d, dropoutRng);
        src = d;
      }
      in[l] = l == 0 || drop ? MatrixRef.of(src) : ws[l - 1].output();
      if (l < layers.length) {
        layers[l].forward(ws[l], p, one(in[l]), state.h(l), state.c(l));
      }
    }
    MatrixRef lg = MatrixRef.of(head(logits, n));
    model.output.forward(in[layers.length], ones, lg);
    double loss;
    if (pad == null) {
      loss = OutputLayer.crossEntropy(lg, targets, n, null, backward, scratch);
    } else {
      OutputLayer.crossEntropy(lg, targets, n, logProbs, false, scratch);
      loss = 0;
      for (int t = 0; t < time; t++) {
        for (int b = 0; b < batch; b++) {
          if (t < pad.length(b)) {
            loss -= logProbs[t * batch + b];
          }
        }
      }
    }
    if (backward) {
      backward(inputs, n, in, lg, drop);
    }
    for (int l = 0; l < layers.length; l++) {
      ArrayOps.copy(ws[l].finalH(), state.h(l));
      if (state.c(l) != null) {
        ArrayOps.copy(ws[l].finalC(), state.c(l));
      }
    }
    return loss;
  }

  private void backward(int[] inputs, int n, MatrixRef[] in, MatrixRef dLogits, boolean drop) {
    RecurrentLayer[] layers = model.layers;
    int top = layers.length;
    double alpha = 1.0 / n;
    MatrixRef dTop = ws[top - 1].outputGradient();
    model.output.backward(in[top], dLogits, alpha, ones,
        drop ? MatrixRef.of(head(dDropped[top], n)) : dTop, false);
    if (drop) {
      dropout.backward(head(dDropped[top], n), head(masks[top], n), dTop.view());
    }
    for (int l = top - 1; l >= 0; l--) {
      MatrixRef below = l == 0 ? MatrixRef.of(head(dEmbedded, n)) : ws[l - 1].outputGradient();
      MatrixRef dIn = drop ? MatrixRef.of(head(dDropped[l], n)) : below;
      layers[l].backward(ws[l], one(in[l]), true, null, null, one(dIn), false, null, null);
      if (drop) {
        dropout.backward(dIn.view(), head(masks[l], n), below.view());
      }
    }
    model.embedding.backward(inputs, n, MatrixRef.of(head(dEmbedded, n)), false);
  }

  /**
   * The workspace of layer l after the last {@link #run}: per-step hidden and cell states
   * ({@link SequenceWorkspace#hiddenState}, {@link SequenceWorkspace#cellState}), read-only.
   */
  public SequenceWorkspace workspace(int layer) {
    return ws[layer];
  }
}
