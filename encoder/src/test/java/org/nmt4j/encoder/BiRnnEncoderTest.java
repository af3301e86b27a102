package org.nmt4j.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.GradientCheck;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;

class BiRnnEncoderTest {
  static final int V = 9;
  static final int[][] SOURCE = {
      {4, 5, 6, 3, 0, 0},
      {7, 3, 0, 0, 0, 0},
      {4, 4, 8, 5, 6, 3},
      {3, 0, 0, 0, 0, 0},
      {6, 6, 5, 3, 0, 0},
  };
  static final int[] LENGTHS = {4, 2, 6, 1, 4};

  static Parameters params(EncoderConfig config, long seed) {
    Parameters.Builder b = Parameters.builder(DataType.DOUBLE);
    BiRnnEncoder.declare(b, config, V);
    Parameters p = b.build();
    new BiRnnEncoder(p, config, V).initialise(new InitConfig("uniform", 0.5, false, true),
        Initialisers.generator(seed));
    return p;
  }

  static INDArray rand(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
  }

  @ParameterizedTest(name = "{0} dropout={1} embeddingDropout={2}")
  @CsvSource({"lstm, 0.0, 0.0", "lstm, 0.3, 0.0", "lstm, 0.0, 0.4", "lstm, 0.3, 0.5",
      "gru, 0.0, 0.0", "gru, 0.3, 0.5", "rnn, 0.0, 0.0", "rnn, 0.3, 0.5"})
  void gradientsMatchFiniteDifferences(String cell, double dropout, double embeddingDropout) {
    EncoderConfig config = new EncoderConfig(3, 4, 2, dropout, embeddingDropout, cell);
    boolean hasC = config.cellType().hasCellState();
    Parameters params = params(config, 1);
    BiRnnEncoder encoder = new BiRnnEncoder(params, config, V);
    BiRnnEncoder.Workspace ws = encoder.newWorkspace();
    boolean random = dropout > 0 || embeddingDropout > 0;
    int batch = SOURCE.length;
    INDArray[][] rh = new INDArray[2][2];
    INDArray[][] rc = hasC ? new INDArray[2][2] : null;
    for (int l = 0; l < 2; l++) {
      for (int d = 0; d < 2; d++) {
        rh[l][d] = rand(10 + l * 2 + d, batch, 4);
        if (hasC) {
          rc[l][d] = rand(20 + l * 2 + d, batch, 4);
        }
      }
    }
    DoubleSupplier loss = () -> {
      EncoderState s = encoder.encode(ws, SOURCE, LENGTHS,
          random ? Initialisers.generator(77) : null);
      double sum = 0;
      for (int l = 0; l < 2; l++) {
        for (int d = 0; d < 2; d++) {
          sum += s.finalH(l, d == 1).mul(rh[l][d]).sumNumber().doubleValue();
          if (hasC) {
            sum += s.finalC(l, d == 1).mul(rc[l][d]).sumNumber().doubleValue();
          }
        }
      }
      return sum;
    };
    loss.getAsDouble();
    encoder.backward(ws, rh, rc);
    INDArray grads = params.flatGradients().dup();
    double worst = 0;
    for (String name : params.names()) {
      GradientCheck.Result r = GradientCheck.check(name, params.value(name),
          gradView(grads, params, name), loss, 1e-3, 15, 1e-11);
      System.out.println("BiRnnEncoder " + cell + " dropout=" + dropout + " embeddingDropout="
          + embeddingDropout + " " + r);
      worst = Math.max(worst, r.maxRelativeError());
      assertTrue(r.maxRelativeError() < 1e-6, r.toString());
    }
  }

  @Test
  void embeddingDropoutActsOnlyWithAGenerator() {
    EncoderConfig config = new EncoderConfig(3, 4, 1, 0.0);
    BiRnnEncoder encoder = new BiRnnEncoder(params(config, 2), config, V);
    INDArray plain = encoder.encode(encoder.newWorkspace(), SOURCE, LENGTHS, null, false)
        .finalH(0, false).dup();
    EncoderConfig dropped = new EncoderConfig(3, 4, 1, 0.0, 0.5, "lstm");
    BiRnnEncoder droppingEncoder = new BiRnnEncoder(params(config, 2), dropped, V);
    BiRnnEncoder.Workspace ws = droppingEncoder.newWorkspace();
    INDArray inference = droppingEncoder.encode(ws, SOURCE, LENGTHS, null, false)
        .finalH(0, false).dup();
    INDArray training = droppingEncoder.encode(ws, SOURCE, LENGTHS, Initialisers.generator(3), false)
        .finalH(0, false).dup();
    assertEquals(plain, inference);
    assertTrue(plain.sub(training).amaxNumber().doubleValue() > 1e-3,
        "embedding dropout must change the training encoding");
  }

  /** The slice of a copied flat gradient that belongs to one parameter. */
  static INDArray gradView(INDArray flatCopy, Parameters params, String name) {
    long offset = 0;
    for (String n : params.names()) {
      long len = params.value(n).length();
      if (n.equals(name)) {
        return flatCopy.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + len)).reshape(params.shape(n));
      }
      offset += len;
    }
    throw new IllegalArgumentException(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru", "rnn"})
  void finalStatesDoNotDependOnPaddingOrBatchMates(String cell) {
    EncoderConfig config = new EncoderConfig(3, 4, 2, 0.0, cell);
    Parameters params = params(config, 2);
    BiRnnEncoder encoder = new BiRnnEncoder(params, config, V);
    EncoderState all = encoder.encode(encoder.newWorkspace(), SOURCE, LENGTHS, null);
    // the rows come back in the batch's order (the encoder sorts by length inside)
    for (int b = 0; b < SOURCE.length; b++) {
      int[] alone = java.util.Arrays.copyOf(SOURCE[b], LENGTHS[b]);
      EncoderState one = encoder.encode(encoder.newWorkspace(), new int[][] {alone},
          new int[] {LENGTHS[b]}, null);
      for (int l = 0; l < 2; l++) {
        for (boolean bwd : new boolean[] {false, true}) {
          assertEquals(0, all.finalH(l, bwd).getRow(b).sub(one.finalH(l, bwd).getRow(0))
              .amaxNumber().doubleValue(), 1e-12);
          if (config.cellType().hasCellState()) {
            assertEquals(0, all.finalC(l, bwd).getRow(b).sub(one.finalC(l, bwd).getRow(0))
                .amaxNumber().doubleValue(), 1e-12);
          }
        }
      }
    }
  }

  @Test
  void directionsSideBySideGiveTheSameResultsAsOneAfterTheOther() {
    // large enough (time x batch x hidden >= 2^16) for the two directions to run side by side
    EncoderConfig config = new EncoderConfig(16, 128, 2, 0.2);
    Parameters.Builder b = Parameters.builder(DataType.FLOAT);
    BiRnnEncoder.declare(b, config, 50);
    Parameters params = b.build();
    BiRnnEncoder encoder = new BiRnnEncoder(params, config, 50);
    encoder.initialise(InitConfig.defaults(), Initialisers.generator(3));
    java.util.Random r = new java.util.Random(1);
    int batch = 64;
    int[][] source = new int[batch][10];
    int[] lengths = new int[batch];
    for (int i = 0; i < batch; i++) {
      lengths[i] = 3 + r.nextInt(8);
      for (int t = 0; t < lengths[i]; t++) {
        source[i][t] = 4 + r.nextInt(46);
      }
    }
    INDArray[][] dh = new INDArray[2][2];
    for (int d = 0; d < 2; d++) {
      dh[1][d] = rand(50 + d, batch, 128).castTo(DataType.FLOAT);
    }
    INDArray[] results = new INDArray[2];
    INDArray[] finals = new INDArray[2];
    boolean was = org.nmt4j.nn.ops.TwoStreams.enabled();
    try {
      for (int run = 0; run < 2; run++) {
        org.nmt4j.nn.ops.TwoStreams.setEnabled(run == 0);
        BiRnnEncoder.Workspace ws = encoder.newWorkspace();
        EncoderState s = encoder.encode(ws, source, lengths, Initialisers.generator(9));
        finals[run] = s.finalH(1, true).dup();
        encoder.backward(ws, dh, null);
        results[run] = params.flatGradients().dup();
      }
    } finally {
      org.nmt4j.nn.ops.TwoStreams.setEnabled(was);
    }
    assertEquals(0, finals[0].sub(finals[1]).amaxNumber().doubleValue(), 1e-6);
    double scale = results[1].amaxNumber().doubleValue();
    assertTrue(scale > 0);
    assertEquals(0, results[0].sub(results[1]).amaxNumber().doubleValue(), 1e-5 * scale);
  }

  @Test
  void inputTablesGiveTheSameStatesAsTheProductAndFollowWeightChanges() {
    EncoderConfig config = new EncoderConfig(8, 16, 2, 0.3);
    int v = 40;
    Parameters.Builder b = Parameters.builder(DataType.FLOAT);
    BiRnnEncoder.declare(b, config, v);
    Parameters params = b.build();
    BiRnnEncoder encoder = new BiRnnEncoder(params, config, v);
    encoder.initialise(InitConfig.defaults(), Initialisers.generator(4));
    java.util.Random r = new java.util.Random(5);
    int batch = 7;
    int[][] source = new int[batch][9];
    int[] lengths = new int[batch];
    for (int i = 0; i < batch; i++) {
      lengths[i] = 1 + r.nextInt(9);
      for (int t = 0; t < lengths[i]; t++) {
        source[i][t] = 4 + r.nextInt(v - 4);
      }
    }
    for (int round = 0; round < 2; round++) {
      if (round == 1) {
        // training changed the weights: the tables must be rebuilt, not reused
        params.value(BiRnnEncoder.EMBEDDING).muli(1.5);
        params.value(BiRnnEncoder.layerName(0, true) + ".b").addi(0.25);
      }
      EncoderState product = encoder.encode(encoder.newWorkspace(), source, lengths, null, false);
      EncoderState table = encoder.encode(encoder.newWorkspace(), source, lengths, null, true);
      double worst = 0;
      for (int l = 0; l < 2; l++) {
        for (boolean bwd : new boolean[] {false, true}) {
          worst = Math.max(worst, product.finalH(l, bwd).sub(table.finalH(l, bwd))
              .amaxNumber().doubleValue());
          worst = Math.max(worst, product.finalC(l, bwd).sub(table.finalC(l, bwd))
              .amaxNumber().doubleValue());
        }
      }
      worst = Math.max(worst, product.topOutputs().sub(table.topOutputs()).amaxNumber()
          .doubleValue());
      assertTrue(worst < 1e-5, "round " + round + ": table and product differ by " + worst);
      assertTrue(product.finalC(0, true).amaxNumber().doubleValue() > 1e-3);
    }
    // the default (no dropout generator) picks the path by batch size: the same states either way
    EncoderState byDefault = encoder.encode(encoder.newWorkspace(), source, lengths, null);
    EncoderState product = encoder.encode(encoder.newWorkspace(), source, lengths, null, false);
    assertEquals(0, byDefault.finalH(1, false).sub(product.finalH(1, false)).amaxNumber()
        .doubleValue(), 1e-5);
  }
}
