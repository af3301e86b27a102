package org.nmt4j.decoder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.ArrayOps;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.GrowableBuffer;
import org.nmt4j.nn.ops.MatrixRef;

/**
 * Seeds each decoder layer from the final states of the matching encoder layer: decoder layer
 * l reads encoder layer {@code j = l + (encoderLayers - decoderLayers)} (the top layers) and
 *
 * <pre>
 *   h0 = tanh([h_fwd; h_bwd] Wh + bh)      c0 = [c_fwd; c_bwd] Wc + bc   (LSTM decoder only)
 * </pre>
 *
 * <p>Every decoder cell gets h0; only a decoder cell with a cell state (LSTM) gets c0. When the
 * encoder cell has no cell state (GRU, RNN) but the decoder is an LSTM, c0 is computed from the
 * encoder's final hidden states instead ({@code [h_fwd; h_bwd] Wc + bc}), so the decoder's
 * memory still starts from the source.
 *
 * <p>Parameters per decoder layer: {@code bridge.l<l>.Wh} [2He, Hd], {@code .bh} [Hd], and with
 * a cell state {@code .Wc} [2He, Hd], {@code .bc} [Hd]. The concatenation is never built: the two
 * halves of each weight are applied to the two directions separately.
 *
 * <p>The bridge only reads its parameters; buffers are in a {@link Workspace}.
 */
public final class Bridge {
  private final int encoderLayers;
  private final int encoderHidden;
  private final int decoderLayers;
  private final int decoderHidden;
  private final boolean seedsCellState;
  private final DataType dataType;
  private final INDArray[] wh;
  private final INDArray[] bh;
  private final INDArray[] wc;
  private final INDArray[] bc;
  private final INDArray[] gwh;
  private final INDArray[] gbh;
  private final INDArray[] gwc;
  private final INDArray[] gbc;

  /** Name prefix of decoder layer l's bridge. */
  public static String name(int layer) {
    return "bridge.l" + layer;
  }

  /**
   * Declares the weights of every decoder layer's bridge.
   *
   * @param seedsCellState whether the decoder cell has a cell state to seed (LSTM)
   */
  public static void declare(Parameters.Builder builder, int encoderHidden, int decoderHidden,
      int decoderLayers, boolean seedsCellState) {
    for (int l = 0; l < decoderLayers; l++) {
      builder.add(name(l) + ".Wh", 2L * encoderHidden, decoderHidden);
      builder.add(name(l) + ".bh", decoderHidden);
      if (seedsCellState) {
        builder.add(name(l) + ".Wc", 2L * encoderHidden, decoderHidden);
        builder.add(name(l) + ".bc", decoderHidden);
      }
    }
  }

  /**
   * Binds to declared parameters.
   *
   * @param seedsCellState whether the decoder cell has a cell state to seed (LSTM)
   */
  public Bridge(Parameters params, int encoderLayers, int encoderHidden, int decoderLayers,
      int decoderHidden, boolean seedsCellState) {
    if (decoderLayers > encoderLayers) {
      throw new IllegalArgumentException("decoder.layers (" + decoderLayers
          + ") may not exceed encoder.layers (" + encoderLayers + ")");
    }
    this.encoderLayers = encoderLayers;
    this.encoderHidden = encoderHidden;
    this.decoderLayers = decoderLayers;
    this.decoderHidden = decoderHidden;
    this.seedsCellState = seedsCellState;
    this.dataType = params.dataType();
    wh = new INDArray[decoderLayers];
    bh = new INDArray[decoderLayers];
    wc = new INDArray[decoderLayers];
    bc = new INDArray[decoderLayers];
    gwh = new INDArray[decoderLayers];
    gbh = new INDArray[decoderLayers];
    gwc = new INDArray[decoderLayers];
    gbc = new INDArray[decoderLayers];
    for (int l = 0; l < decoderLayers; l++) {
      String n = name(l);
      wh[l] = Shapes.checked(params, n + ".Wh", 2L * encoderHidden, decoderHidden);
      bh[l] = Shapes.checked(params, n + ".bh", decoderHidden);
      gwh[l] = params.gradient(n + ".Wh");
      gbh[l] = params.gradient(n + ".bh");
      if (seedsCellState) {
        wc[l] = Shapes.checked(params, n + ".Wc", 2L * encoderHidden, decoderHidden);
        bc[l] = Shapes.checked(params, n + ".bc", decoderHidden);
        gwc[l] = params.gradient(n + ".Wc");
        gbc[l] = params.gradient(n + ".bc");
      }
    }
  }

  /** Initialises every weight (fan-in 2He, fan-out Hd) and bias under {@code init}. */
  public void initialise(InitConfig init, Random rng) {
    for (int l = 0; l < decoderLayers; l++) {
      Initialisers.weights(wh[l], init, 2L * encoderHidden, decoderHidden, rng);
      Initialisers.bias(bh[l], init, rng);
      if (seedsCellState) {
        Initialisers.weights(wc[l], init, 2L * encoderHidden, decoderHidden, rng);
        Initialisers.bias(bc[l], init, rng);
      }
    }
  }

  /** Encoder layer feeding decoder layer l. */
  public int encoderLayerOf(int decoderLayer) {
    return decoderLayer + encoderLayers - decoderLayers;
  }

  /** Fresh buffers. */
  public Workspace newWorkspace() {
    return new Workspace();
  }

  /**
   * Computes (h0, c0) of every decoder layer, rows in the order of the given states; read them
   * with {@link Workspace#h0(int)} and {@link Workspace#c0(int)}. The arrays are read again by
   * {@link #backward}, so they must stay unchanged until then.
   *
   * @param finalH [encoderLayers][2] the encoder's final hidden states per layer and direction
   *     (index 1: backward direction), each [batch, He]
   * @param finalC the same for the cell states, or null when the encoder cell has none (an LSTM
   *     decoder's c0 then comes from {@code finalH})
   */
  public void forward(Workspace ws, INDArray[][] finalH, INDArray[][] finalC) {
    if (finalH.length != encoderLayers || (finalC != null && finalC.length != encoderLayers)) {
      throw new IllegalArgumentException("need final states of " + encoderLayers
          + " encoder layers, got " + finalH.length);
    }
    int batch = (int) finalH[encoderLayers - 1][0].size(0);
    ws.finalH = finalH;
    ws.finalC = finalC;
    ws.batch = batch;
    ws.resize(batch);
    for (int l = 0; l < decoderLayers; l++) {
      int j = encoderLayerOf(l);
      INDArray h = ws.h0(l);
      INDArray c = ws.c0(l);
      affine(finalH[j][0], finalH[j][1], wh[l], bh[l], ws.ones, h);
      ArrayOps.tanh(h, h);
      if (seedsCellState) {
        INDArray[] from = finalC != null ? finalC[j] : finalH[j];
        affine(from[0], from[1], wc[l], bc[l], ws.ones, c);
      }
    }
  }

  private void affine(INDArray fwd, INDArray bwd, INDArray w, INDArray b, INDArray ones, INDArray out) {
    int batch = (int) out.size(0);
    int he = encoderHidden;
    int hd = decoderHidden;
    Gemm.gemm(false, false, batch, hd, 1, 1, ones, 0, 1, b, 0, hd, 0, out, 0, hd);
    Gemm.gemm(false, false, batch, hd, he, 1, fwd, 0, he, w, 0, hd, 1, out, 0, hd);
    Gemm.gemm(false, false, batch, hd, he, 1, bwd, 0, he, w, (long) he * hd, hd, 1, out, 0, hd);
  }

  /**
   * Backpropagates gradients of (h0, c0) into the bridge weights (overwritten) and into
   * gradients of the encoder's final states, returned as [encoderLayers][2] arrays in the
   * row order of the final states (null for layers that feed no decoder layer), ready for {@code
   * BiRnnEncoder.backward}.
   *
   * @param dh0 [decoderLayers] gradients of h0, each [batch, Hd]
   * @param dc0 [decoderLayers] gradients of c0, each [batch, Hd] (ignored, and may be null,
   *     when no cell state is seeded)
   * @return {dh, dc}, each [encoderLayers][2]; dc is null when the encoder gave no cell states
   */
  public INDArray[][][] backward(Workspace ws, INDArray[] dh0, INDArray[] dc0) {
    INDArray[][] finalH = ws.finalH;
    INDArray[][] finalC = ws.finalC;
    int batch = ws.batch;
    int he = encoderHidden;
    int hd = decoderHidden;
    INDArray[][] dh = new INDArray[encoderLayers][];
    INDArray[][] dc = new INDArray[encoderLayers][];
    for (int l = 0; l < decoderLayers; l++) {
      int j = encoderLayerOf(l);
      // through tanh: dpre = dh0 * (1 - h0^2)
      INDArray dpre = ws.dPre;
      ArrayOps.oneMinusSquare(ws.h0(l), dpre);
      ArrayOps.mul(dpre, dh0[l], dpre);
      dh[j] = new INDArray[] {ws.dState(l, 0), ws.dState(l, 1)};
      affineBackward(finalH[j][0], finalH[j][1], wh[l], dpre, ws.ones,
          gwh[l], gbh[l], dh[j][0], dh[j][1], batch, he, hd);
      if (seedsCellState) {
        INDArray[] from = finalC != null ? finalC[j] : finalH[j];
        dc[j] = new INDArray[] {ws.dState(l, 2), ws.dState(l, 3)};
        affineBackward(from[0], from[1], wc[l], dc0[l], ws.ones,
            gwc[l], gbc[l], dc[j][0], dc[j][1], batch, he, hd);
        if (finalC == null) {
          // c0 was computed from the hidden states: its gradient joins theirs
          ArrayOps.addi(dh[j][0], dc[j][0]);
          ArrayOps.addi(dh[j][1], dc[j][1]);
        }
      }
    }
    return new INDArray[][][] {dh, finalC == null ? null : dc};
  }

  private static void affineBackward(INDArray fwd, INDArray bwd, INDArray w, INDArray dOut,
      INDArray ones, INDArray gw, INDArray gb, INDArray dFwd, INDArray dBwd, int batch, int he,
      int hd) {
    Gemm.gemm(true, false, he, hd, batch, 1, fwd, 0, he, dOut, 0, hd, 0, gw, 0, hd);
    Gemm.gemm(true, false, he, hd, batch, 1, bwd, 0, he, dOut, 0, hd, 0, gw, (long) he * hd, hd);
    Gemm.gemm(false, false, 1, hd, batch, 1, ones, 0, batch, dOut, 0, hd, 0, gb, 0, hd);
    Gemm.gemm(false, true, batch, he, hd, 1, dOut, 0, hd, w, 0, hd, 0, dFwd, 0, he);
    Gemm.gemm(false, true, batch, he, hd, 1, dOut, 0, hd, w, (long) he * hd, hd, 0, dBwd, 0, he);
  }

  /** Buffers of one bridge run, resized to the batch. */
  public final class Workspace {
    private final GrowableBuffer buffer = new GrowableBuffer(dataType);
    private INDArray[] h0 = new INDArray[0];
    private INDArray[] c0 = new INDArray[0];
    private INDArray[][] dState = new INDArray[0][];
    private INDArray dPre;
    private INDArray ones;
    private INDArray[][] finalH;
    private INDArray[][] finalC;
    private int batch;
    private int sized = -1;

    private Workspace() {}

    void resize(int b) {
      if (b == sized) {
        return;
      }
      long hdBlock = (long) b * decoderHidden;
      long heBlock = (long) b * encoderHidden;
      long need = hdBlock * (2L * decoderLayers + 1) + heBlock * 4L * decoderLayers;
      INDArray buf = buffer.atLeast(need);
      long off = 0;
      h0 = new INDArray[decoderLayers];
      c0 = new INDArray[decoderLayers];
      dState = new INDArray[decoderLayers][4];
      for (int l = 0; l < decoderLayers; l++) {
        h0[l] = new MatrixRef(buf, off, b, decoderHidden, decoderHidden).view();
        off += hdBlock;
        c0[l] = new MatrixRef(buf, off, b, decoderHidden, decoderHidden).view();
        off += hdBlock;
        for (int k = 0; k < 4; k++) {
          dState[l][k] = new MatrixRef(buf, off, b, encoderHidden, encoderHidden).view();
          off += heBlock;
        }
      }
      dPre = new MatrixRef(buf, off, b, decoderHidden, decoderHidden).view();
      ones = Nd4j.ones(dataType, b);
      sized = b;
    }

    /** h0 of decoder layer l: [batch, Hd], rows in encoder state order. */
    public INDArray h0(int l) {
      return h0[l];
    }

    /** c0 of decoder layer l: [batch, Hd], rows in encoder state order; null without a cell state. */
    public INDArray c0(int l) {
      return seedsCellState ? c0[l] : null;
    }

    INDArray dState(int l, int k) {
      return dState[l][k];
    }
  }
}
