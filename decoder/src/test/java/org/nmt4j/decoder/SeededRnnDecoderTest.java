package org.nmt4j.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.GradientCheck;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;

class SeededRnnDecoderTest {
  static final int V = 7;
  static final double EPS = Double.parseDouble(System.getProperty("eps", "1e-3"));
  static final int[][] TIN = {
      {2, 4, 5, 0, 0},
      {2, 0, 0, 0, 0},
      {2, 6, 6, 4, 5},
      {2, 5, 0, 0, 0},
  };
  static final int[][] TOUT = {
      {4, 5, 3, 0, 0},
      {0, 0, 0, 0, 0},
      {6, 6, 4, 5, 3},
      {5, 3, 0, 0, 0},
  };
  static final int[] LEN = {3, 0, 5, 2};

  static INDArray rand(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
  }

  static Parameters params(DecoderConfig config, DataType type, long seed) {
    Parameters.Builder b = Parameters.builder(type);
    SeededRnnDecoder.declare(b, config, V);
    Parameters p = b.build();
    new SeededRnnDecoder(p, config, V).initialise(new InitConfig("uniform", 0.5, false, true),
        Initialisers.generator(seed));
    return p;
  }

  @ParameterizedTest(name = "tie={0} dropout={1} layers={2} context={3} smoothing={4} "
      + "embeddingDropout={5} cell={6}")
  @CsvSource({"false, 0.0, 2, false, 0, 0, lstm", "true, 0.3, 2, false, 0, 0, lstm",
      "false, 0.4, 1, false, 0, 0, lstm", "false, 0.0, 2, true, 0, 0, lstm",
      "true, 0.3, 2, true, 0, 0, lstm", "false, 0.4, 1, true, 0, 0, lstm",
      "false, 0.0, 2, false, 0.1, 0, lstm", "true, 0.3, 2, true, 0.2, 0.3, lstm",
      "false, 0.0, 1, true, 0, 0.5, lstm",
      "false, 0.0, 2, false, 0, 0, gru", "true, 0.3, 2, true, 0.2, 0.3, gru",
      "false, 0.4, 1, true, 0, 0.5, gru",
      "false, 0.0, 2, false, 0, 0, rnn", "true, 0.3, 2, true, 0.2, 0.3, rnn",
      "false, 0.4, 1, true, 0, 0.5, rnn"})
  void gradientsMatchFiniteDifferences(boolean tie, double dropout, int layers, boolean context,
      double smoothing, double embeddingDropout, String cell) {
    DecoderConfig config = new DecoderConfig(4, 4, layers, dropout, tie, context,
        embeddingDropout, cell);
    boolean hasC = config.cellType().hasCellState();
    Parameters params = params(config, DataType.DOUBLE, 3);
    SeededRnnDecoder decoder = new SeededRnnDecoder(params, config, V);
    SeededRnnDecoder.Workspace ws = decoder.newWorkspace();
    ws.regularise(smoothing);
    boolean random = dropout > 0 || embeddingDropout > 0;
    INDArray[] h0 = new INDArray[layers];
    INDArray[] c0 = hasC ? new INDArray[layers] : null;
    for (int l = 0; l < layers; l++) {
      h0[l] = rand(30 + l, 4, 4);
      if (hasC) {
        c0[l] = rand(40 + l, 4, 4);
      }
    }
    // the objective is the smoothed cross-entropy; forward's value stays the plain NLL
    double[] nll = new double[1];
    DoubleSupplier loss = () -> {
      nll[0] = decoder.forward(ws, TIN, TOUT, LEN, h0, c0,
          random ? Initialisers.generator(5) : null, true, null);
      return ws.objective();
    };
    double l0 = loss.getAsDouble();
    assertTrue(l0 > 0);
    if (smoothing == 0) {
      assertEquals(nll[0], l0, 0.0);
    } else {
      assertTrue(Math.abs(nll[0] - l0) > 1e-6, "smoothing changes the objective");
    }
    if (embeddingDropout > 0) {
      SeededRnnDecoder undropped = new SeededRnnDecoder(params,
          new DecoderConfig(4, 4, layers, dropout, tie, context, cell), V);
      double plain = undropped.forward(undropped.newWorkspace(), TIN, TOUT, LEN, h0, c0,
          Initialisers.generator(5), false, null);
      assertTrue(Math.abs(plain - nll[0]) > 1e-6, "embedding dropout changes the loss");
    }
    INDArray[] dh0 = new INDArray[layers];
    INDArray[] dc0 = hasC ? new INDArray[layers] : null;
    for (int l = 0; l < layers; l++) {
      dh0[l] = Nd4j.create(DataType.DOUBLE, 4, 4);
      if (hasC) {
        dc0[l] = Nd4j.create(DataType.DOUBLE, 4, 4);
      }
    }
    decoder.backward(ws, 1.0, dh0, dc0);
    INDArray flat = params.flatGradients().dup();
    List<GradientCheck.Result> results = new ArrayList<>();
    long offset = 0;
    for (String name : params.names()) {
      long n = params.value(name).length();
      INDArray g = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n)).reshape(params.shape(name));
      offset += n;
      results.add(GradientCheck.check(name, params.value(name), g, loss, EPS, 80, 1e-11));
    }
    for (int l = 0; l < layers; l++) {
      results.add(GradientCheck.check("h0[" + l + "]", h0[l], dh0[l], loss, EPS, 80, 1e-11));
      if (hasC) {
        results.add(GradientCheck.check("c0[" + l + "]", c0[l], dc0[l], loss, EPS, 80, 1e-11));
      }
    }
    for (GradientCheck.Result r : results) {
      System.out.println("SeededRnnDecoder " + cell + " tie=" + tie + " dropout=" + dropout + " context="
          + context + " smoothing=" + smoothing + " embeddingDropout=" + embeddingDropout + " "
          + r);
      assertTrue(r.maxRelativeError() < 1e-6, r.toString());
    }
    // row 1 of the initial states is sentence 1, which has no target steps: no gradient
    assertEquals(0, dh0[0].getRow(1).amaxNumber().doubleValue(), 0.0);
  }

  @ParameterizedTest(name = "{0} context={1} cell={2}")
  @CsvSource({"DOUBLE, false, lstm", "FLOAT, false, lstm", "DOUBLE, true, lstm",
      "FLOAT, true, lstm", "DOUBLE, false, gru", "FLOAT, true, gru", "DOUBLE, true, rnn",
      "FLOAT, false, rnn"})
  void stepDecodingMatchesTeacherForcing(DataType type, boolean context, String cell) {
    DecoderConfig config = new DecoderConfig(5, 6, 2, 0.3, false, context, cell);
    Parameters params = params(config, type, 9);
    SeededRnnDecoder decoder = new SeededRnnDecoder(params, config, V);
    INDArray[] h0 = {rand(1, 4, 6).castTo(type), rand(2, 4, 6).castTo(type)};
    INDArray[] c0 = decoder.hasCellState()
        ? new INDArray[] {rand(3, 4, 6).castTo(type), rand(4, 4, 6).castTo(type)} : null;
    INDArray forced = decoder.teacherForcedLogits(decoder.newWorkspace(), TIN, LEN, h0, c0);
    DecodingState state = decoder.startDecoding(h0, c0);
    int[] prev = new int[TIN.length];
    double worst = 0;
    for (int t = 0; t < 5; t++) {
      for (int b = 0; b < TIN.length; b++) {
        prev[b] = TIN[b][t];
      }
      state.step(prev);
      INDArray logits = state.logits();
      for (int b = 0; b < TIN.length; b++) {
        if (t < LEN[b]) {
          INDArray expected = forced.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
              org.nd4j.linalg.indexing.NDArrayIndex.point(t), org.nd4j.linalg.indexing.NDArrayIndex.all());
          worst = Math.max(worst, logits.getRow(b).sub(expected).amaxNumber().doubleValue());
        }
      }
    }
    System.out.println("step vs teacher forcing (" + cell + ", " + type + "): max abs diff "
        + worst);
    assertTrue(worst < 1e-5, "max abs diff " + worst);
  }

  @ParameterizedTest(name = "context={0} cell={1}")
  @CsvSource({"false, lstm", "true, lstm", "true, gru", "false, rnn"})
  void retainKeepsRowsAndTheirStates(boolean context, String cell) {
    DecoderConfig config = new DecoderConfig(5, 6, 2, 0.0, false, context, cell);
    Parameters params = params(config, DataType.DOUBLE, 9);
    SeededRnnDecoder decoder = new SeededRnnDecoder(params, config, V);
    INDArray[] h0 = {rand(1, 4, 6), rand(2, 4, 6)};
    INDArray[] c0 = decoder.hasCellState() ? new INDArray[] {rand(3, 4, 6), rand(4, 4, 6)} : null;
    DecodingState full = decoder.startDecoding(h0, c0);
    DecodingState part = decoder.startDecoding(h0, c0);
    full.step(new int[] {2, 2, 2, 2});
    part.step(new int[] {2, 2, 2, 2});
    part.retain(new int[] {3, 1});
    assertEquals(2, part.batchSize());
    assertEquals(3, part.sentences()[0]);
    full.step(new int[] {4, 5, 6, 4});
    part.step(new int[] {4, 5});
    assertEquals(0, full.logits().getRow(3).sub(part.logits().getRow(0)).amaxNumber().doubleValue(), 1e-12);
    assertEquals(0, full.logits().getRow(1).sub(part.logits().getRow(1)).amaxNumber().doubleValue(), 1e-12);
  }

  @ParameterizedTest(name = "{0} context={1} cell={2}")
  @CsvSource({"DOUBLE, false, lstm", "FLOAT, false, lstm", "DOUBLE, true, lstm",
      "FLOAT, true, lstm", "DOUBLE, true, gru", "FLOAT, false, gru", "DOUBLE, true, rnn"})
  void precomputedFirstLayerInputsMatchTheProductsAndFollowWeightChanges(DataType type,
      boolean context, String cell) {
    DecoderConfig config = new DecoderConfig(5, 6, 2, 0.0, false, context, cell);
    Parameters params = params(config, type, 11);
    SeededRnnDecoder decoder = new SeededRnnDecoder(params, config, V);
    INDArray[] h0 = {rand(1, 4, 6).castTo(type), rand(2, 4, 6).castTo(type)};
    INDArray[] c0 = decoder.hasCellState()
        ? new INDArray[] {rand(3, 4, 6).castTo(type), rand(4, 4, 6).castTo(type)} : null;
    double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
    for (int round = 0; round < 2; round++) {
      DecodingState table = decoder.startDecoding(h0, c0, true);
      DecodingState reference = decoder.startDecoding(h0, c0, false);
      int[] sentences = {0, 1, 2, 3};
      double worst = 0;
      for (int t = 0; t < 5; t++) {
        int[] prev = new int[sentences.length];
        for (int r = 0; r < prev.length; r++) {
          prev[r] = TIN[sentences[r]][t];
        }
        table.step(prev);
        reference.step(prev);
        worst = Math.max(worst,
            table.logits().sub(reference.logits()).amaxNumber().doubleValue());
        if (t == 2) {
          table.retain(new int[] {3, 0, 2});
          reference.retain(new int[] {3, 0, 2});
          sentences = new int[] {3, 0, 2};
        }
      }
      System.out.println("precomputed inputs vs products (" + type + ", round " + round
          + "): max abs diff " + worst);
      assertTrue(worst < tolerance, "max abs diff " + worst);
      // change the weights the table was built from: the next start must not use a stale table
      params.value(SeededRnnDecoder.EMBEDDING).muli(1.5);
      params.value(SeededRnnDecoder.layerName(0) + ".b").addi(0.25);
    }
  }
}
