package org.nmt4j.translator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.decoder.DecodingState;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.GradientCheck;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Parameters;

class Seq2SeqModelTest {
  static final int SV = 9;
  static final int TV = 8;

  /** A batch from source and target token lists (specials added as Batch documents). */
  static Batch batch(int[][] sources, int[][] targets) {
    int n = sources.length;
    int sw = 0;
    int tw = 0;
    for (int b = 0; b < n; b++) {
      sw = Math.max(sw, sources[b].length + 1);
      tw = Math.max(tw, targets[b].length + 1);
    }
    int[][] src = new int[n][sw];
    int[][] tin = new int[n][tw];
    int[][] tout = new int[n][tw];
    int[] sl = new int[n];
    int[] tl = new int[n];
    long[] idx = new long[n];
    for (int b = 0; b < n; b++) {
      System.arraycopy(sources[b], 0, src[b], 0, sources[b].length);
      src[b][sources[b].length] = 3;
      sl[b] = sources[b].length + 1;
      tin[b][0] = 2;
      System.arraycopy(targets[b], 0, tin[b], 1, targets[b].length);
      System.arraycopy(targets[b], 0, tout[b], 0, targets[b].length);
      tout[b][targets[b].length] = 3;
      tl[b] = targets[b].length + 1;
      idx[b] = b;
    }
    return new Batch(src, sl, tin, tout, tl, idx);
  }

  static final Batch BATCH = batch(
      new int[][] {{4, 5, 6}, {7}, {8, 8, 4, 5, 6}, {5, 6}},
      new int[][] {{5, 4}, {7, 6, 6, 5}, {4}, {6, 7, 5}});

  static ModelConfig config(int encLayers, int decLayers, double dropout, boolean tie) {
    return config(encLayers, decLayers, dropout, tie, false);
  }

  static ModelConfig config(int encLayers, int decLayers, double dropout, boolean tie,
      boolean context) {
    return config(encLayers, decLayers, dropout, tie, context, "lstm", "lstm");
  }

  static ModelConfig config(int encLayers, int decLayers, double dropout, boolean tie,
      boolean context, String encoderCell, String decoderCell) {
    int decEmb = tie ? 5 : 3;
    return new ModelConfig(new EncoderConfig(3, 4, encLayers, dropout, encoderCell),
        new DecoderConfig(decEmb, 5, decLayers, dropout, tie, context, decoderCell),
        new InitConfig("uniform", 0.4, false, true));
  }

  @ParameterizedTest(name = "enc={0} dec={1} dropout={2} tie={3} context={4} cells={5}/{6}")
  @CsvSource({"2, 2, 0.0, false, false, lstm, lstm", "3, 2, 0.3, true, false, lstm, lstm",
      "2, 1, 0.2, false, false, lstm, lstm", "2, 2, 0.2, false, true, lstm, lstm",
      "3, 1, 0.0, true, true, lstm, lstm",
      "2, 2, 0.2, false, true, gru, gru", "2, 1, 0.0, true, false, gru, gru",
      "2, 2, 0.2, false, true, rnn, rnn", "2, 1, 0.0, true, false, rnn, rnn",
      "2, 2, 0.0, false, false, gru, lstm", "2, 1, 0.2, false, true, rnn, lstm",
      "2, 2, 0.0, false, true, lstm, gru", "2, 1, 0.0, false, false, lstm, rnn"})
  void wholeModelGradientsMatchFiniteDifferences(int enc, int dec, double dropout, boolean tie,
      boolean context, String encoderCell, String decoderCell) {
    Seq2SeqModel model = Seq2SeqModel.initialise(
        config(enc, dec, dropout, tie, context, encoderCell, decoderCell), SV, TV,
        DataType.DOUBLE, 11);
    Parameters p = model.parameters();
    LossStats stats = model.forwardBackward(BATCH, 99);
    assertEquals(BATCH.targetTokens(), stats.tokens());
    double worst = checkEveryParameter(p, () -> model.forwardBackward(BATCH, 99).mean(),
        "enc=" + enc + " dec=" + dec + " dropout=" + dropout + " tie=" + tie + " context="
            + context + " cells=" + encoderCell + "/" + decoderCell);
    System.out.println("Seq2SeqModel worst relative error " + worst);
  }

  /**
   * Checks the gradients left in {@code p} by the last backward pass against central finite
   * differences of {@code objective} (6 entries per tensor), tensor by tensor.
   *
   * @return the largest relative error seen
   */
  private static double checkEveryParameter(Parameters p, DoubleSupplier objective,
      String label) {
    INDArray grads = p.flatGradients().dup();
    double worst = 0;
    long offset = 0;
    for (String name : p.names()) {
      long n = p.value(name).length();
      INDArray g = grads.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n))
          .reshape(p.shape(name));
      offset += n;
      GradientCheck.Result r = GradientCheck.check(name, p.value(name), g, objective, 1e-3, 6,
          1e-12);
      System.out.println("Seq2SeqModel " + label + " " + r);
      worst = Math.max(worst, r.maxRelativeError());
      assertTrue(r.maxRelativeError() < 1e-6, r.toString());
    }
    return worst;
  }

  @ParameterizedTest(name = "dropout={0} smoothing={1} embeddingDropout={2}")
  @CsvSource({"0.0, 0.1, 0.0", "0.2, 0.1, 0.3"})
  void regularisedGradientsMatchFiniteDifferencesOfTheSmoothedObjective(double dropout,
      double smoothing, double embeddingDropout) {
    ModelConfig plain = config(2, 2, dropout, false, true);
    ModelConfig cfg = new ModelConfig(
        new EncoderConfig(3, 4, 2, dropout, embeddingDropout, "lstm"),
        new DecoderConfig(3, 5, 2, dropout, false, true, embeddingDropout, "lstm"), plain.init());
    Seq2SeqModel model = Seq2SeqModel.initialise(cfg, SV, TV, DataType.DOUBLE, 12);
    Parameters p = model.parameters();
    Regularisation reg = new Regularisation(smoothing);
    LossStats stats = model.forwardBackward(BATCH, 7, reg);
    assertTrue(Math.abs(stats.objectiveSum() - stats.lossSum()) > 1e-6,
        "the smoothed objective differs from the NLL");
    assertEquals(model.forwardBackward(BATCH, 7).lossSum(), stats.lossSum(), 0.0,
        "smoothing does not change the loss");
    Seq2SeqModel undropped = Seq2SeqModel.initialise(plain, SV, TV, DataType.DOUBLE, 12);
    assertEquals(undropped.forwardBackward(BATCH, 7).lossSum() == stats.lossSum(),
        embeddingDropout == 0, "embedding dropout changes the loss");
    model.forwardBackward(BATCH, 7, reg);
    checkEveryParameter(p, () -> model.forwardBackward(BATCH, 7, reg).meanObjective(),
        "regularised " + reg);
  }

  @ParameterizedTest
  @CsvSource({"lstm, lstm", "gru, gru", "rnn, rnn", "gru, lstm"})
  void lossAndGradientsOfASentenceDoNotDependOnPaddingOrBatchMates(String encoderCell,
      String decoderCell) {
    Seq2SeqModel model = Seq2SeqModel.initialise(
        config(2, 2, 0.0, false, false, encoderCell, decoderCell), SV, TV, DataType.DOUBLE, 5);
    Parameters p = model.parameters();
    LossStats all = model.forwardBackward(BATCH, 1);
    // summed-loss gradient of the batch
    INDArray sum = p.flatGradients().dup().muli(all.tokens());
    double[] perSentence = model.sentenceLogProbabilities(BATCH);
    INDArray sumAlone = sum.like();
    double lossAlone = 0;
    for (int b = 0; b < BATCH.size(); b++) {
      Batch one = new Batch(new int[][] {BATCH.source()[b]}, new int[] {BATCH.sourceLengths()[b]},
          new int[][] {BATCH.targetInput()[b]}, new int[][] {BATCH.targetOutput()[b]},
          new int[] {BATCH.targetLengths()[b]}, new long[] {b});
      LossStats s = model.forwardBackward(one, 1);
      sumAlone.addi(p.flatGradients().mul(s.tokens()));
      lossAlone += s.lossSum();
      assertEquals(-perSentence[b], s.lossSum(), 1e-10);
      assertEquals(s.lossSum(), model.loss(one).lossSum(), 1e-12);
    }
    assertEquals(all.lossSum(), lossAlone, 1e-10);
    double diff = sum.sub(sumAlone).amaxNumber().doubleValue();
    System.out.println("padding invariance: max abs gradient difference " + diff);
    assertTrue(diff < 1e-10, "gradient differs by " + diff);
  }

  @ParameterizedTest(name = "{0} context={1} cell={2}")
  @CsvSource({"DOUBLE, false, lstm", "FLOAT, false, lstm", "DOUBLE, true, lstm",
      "FLOAT, true, lstm", "DOUBLE, true, gru", "FLOAT, false, gru", "DOUBLE, false, rnn",
      "FLOAT, true, rnn"})
  void stepDecodingLogitsEqualTeacherForcing(DataType type, boolean context, String cell) {
    Seq2SeqModel model = Seq2SeqModel.initialise(
        config(2, 2, 0.3, false, context, cell, cell), SV, TV, type, 8);
    INDArray forced = model.teacherForcedLogits(BATCH);
    DecodingState state = model.startDecoding(SourceBatch.of(BATCH));
    int[] prev = new int[BATCH.size()];
    double worst = 0;
    for (int t = 0; t < BATCH.targetLength(); t++) {
      for (int b = 0; b < prev.length; b++) {
        prev[b] = BATCH.targetInput()[b][t];
      }
      float[] logits = new float[prev.length * TV];
      state.step(prev, logits);
      for (int b = 0; b < prev.length; b++) {
        if (t < BATCH.targetLengths()[b]) {
          for (int v = 0; v < TV; v++) {
            worst = Math.max(worst, Math.abs(logits[b * TV + v] - forced.getDouble(b, t, v)));
          }
        }
      }
    }
    System.out.println("step decoding vs teacher forcing (" + cell + ", " + type
        + "): max abs diff " + worst);
    assertTrue(worst < 1e-5, "max abs diff " + worst);
  }

  @Test
  void manyThreadsDecodeWithOneModelAtOnce() throws Exception {
    Seq2SeqModel model = Seq2SeqModel.initialise(config(2, 2, 0.0, false), SV, TV,
        DataType.FLOAT, 12);
    float[] expected = greedyLogits(model);
    int threads = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.List<java.util.concurrent.Future<float[]>> results = new java.util.ArrayList<>();
      for (int i = 0; i < threads * 3; i++) {
        results.add(pool.submit(() -> greedyLogits(model)));
      }
      for (java.util.concurrent.Future<float[]> f : results) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Greedy decoding of BATCH for 6 steps; returns every step's logits concatenated. */
  static float[] greedyLogits(Seq2SeqModel model) {
    DecodingState state = model.startDecoding(SourceBatch.of(BATCH));
    int n = BATCH.size();
    float[] all = new float[6 * n * TV];
    float[] logits = new float[n * TV];
    int[] prev = new int[n];
    java.util.Arrays.fill(prev, 2);
    for (int t = 0; t < 6; t++) {
      state.step(prev, logits);
      System.arraycopy(logits, 0, all, t * n * TV, n * TV);
      for (int b = 0; b < n; b++) {
        int best = 0;
        for (int v = 1; v < TV; v++) {
          if (logits[b * TV + v] > logits[b * TV + best]) {
            best = v;
          }
        }
        prev[b] = best;
      }
    }
    return all;
  }

  @Test
  void dropoutIsDeterministicFromTheSeed() {
    Seq2SeqModel model = Seq2SeqModel.initialise(config(2, 2, 0.5, false), SV, TV,
        DataType.FLOAT, 3);
    LossStats a = model.forwardBackward(BATCH, 42);
    INDArray ga = model.parameters().flatGradients().dup();
    LossStats b = model.forwardBackward(BATCH, 42);
    INDArray gb = model.parameters().flatGradients().dup();
    LossStats c = model.forwardBackward(BATCH, 43);
    assertEquals(a.lossSum(), b.lossSum(), 0.0);
    assertEquals(ga, gb);
    assertNotEquals(a.lossSum(), c.lossSum());
    assertNotEquals(ga, model.parameters().flatGradients());
    LossStats clean1 = model.loss(BATCH);
    LossStats clean2 = model.loss(BATCH);
    assertEquals(clean1.lossSum(), clean2.lossSum(), 0.0);
  }

  @Test
  void initialisationIsAFunctionOfTheSeed() {
    ModelConfig cfg = config(2, 1, 0.1, false);
    INDArray a = Seq2SeqModel.initialise(cfg, SV, TV, DataType.FLOAT, 7).parameters().flatValues();
    INDArray b = Seq2SeqModel.initialise(cfg, SV, TV, DataType.FLOAT, 7).parameters().flatValues();
    INDArray c = Seq2SeqModel.initialise(cfg, SV, TV, DataType.FLOAT, 8).parameters().flatValues();
    assertEquals(a, b);
    assertNotEquals(a, c);
    Seq2SeqModel m = Seq2SeqModel.initialise(cfg, SV, TV, DataType.FLOAT, 7);
    // forget-gate biases start at 1, the other gates uniform within the scale
    INDArray bias = m.parameters().value("encoder.l0.fwd.b");
    assertEquals(1.0, bias.getDouble(4), 0.0);
    assertTrue(Math.abs(bias.getDouble(0)) <= 0.4);
  }

  @Test
  void identityRecurrentInitialisationSetsTheCellCandidateBlock() {
    ModelConfig cfg = new ModelConfig(new EncoderConfig(3, 4, 1, 0), new DecoderConfig(3, 4, 1, 0, false),
        new InitConfig("xavier", 1, true, false));
    Seq2SeqModel m = Seq2SeqModel.initialise(cfg, SV, TV, DataType.DOUBLE, 1);
    INDArray wh = m.parameters().value("decoder.l0.Wh");
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(i == j ? 1.0 : 0.0, wh.getDouble(i, 8 + j), 0.0);
      }
    }
    assertEquals(0.0, m.parameters().value("decoder.l0.b").getDouble(4), 0.0);
  }

  @Test
  void identityRecurrentInitialisationGivesAnIrnn() {
    ModelConfig cfg = new ModelConfig(new EncoderConfig(3, 4, 1, 0, "rnn"),
        new DecoderConfig(3, 4, 1, 0, false, false, "rnn"), new InitConfig("xavier", 1, true, true));
    Seq2SeqModel m = Seq2SeqModel.initialise(cfg, SV, TV, DataType.DOUBLE, 1);
    for (String layer : new String[] {"encoder.l0.fwd", "encoder.l0.bwd", "decoder.l0"}) {
      INDArray wh = m.parameters().value(layer + ".Wh");
      assertEquals(4, wh.size(1), "one gate block");
      assertEquals(0, wh.sub(Nd4j.eye(4)).amaxNumber().doubleValue(), 0.0, layer);
    }
    // an RNN has no cell state: the bridge seeds h only
    assertFalse(m.parameters().contains("bridge.l0.Wc"));
  }

  @Test
  void fromParametersAcceptsTheRightLayoutAndRejectsOthers() {
    ModelConfig cfg = config(2, 2, 0.0, false);
    Seq2SeqModel m = Seq2SeqModel.initialise(cfg, SV, TV, DataType.FLOAT, 1);
    Seq2SeqModel again = Seq2SeqModel.fromParameters(cfg, SV, TV, m.parameters());
    assertEquals(m.loss(BATCH).lossSum(), again.loss(BATCH).lossSum(), 0.0);

    IllegalArgumentException wrongVocab = assertThrows(IllegalArgumentException.class,
        () -> Seq2SeqModel.fromParameters(cfg, SV + 1, TV, m.parameters()));
    assertTrue(wrongVocab.getMessage().contains("encoder.embedding"), wrongVocab.getMessage());
    assertFalse(wrongVocab.getMessage().contains("\n"));

    IllegalArgumentException tied = assertThrows(IllegalArgumentException.class,
        () -> Seq2SeqModel.fromParameters(config(2, 2, 0.0, true), SV, TV, m.parameters()));
    assertFalse(tied.getMessage().contains("\n"));

    Parameters.Builder b = Parameters.builder(DataType.FLOAT);
    for (Map.Entry<String, long[]> e : Seq2SeqModel.parameterShapes(cfg, SV, TV).entrySet()) {
      if (!e.getKey().equals("decoder.l1.Wh")) {
        b.add(e.getKey(), e.getValue());
      }
    }
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Seq2SeqModel.fromParameters(cfg, SV, TV, b.build()));
    assertTrue(missing.getMessage().contains("decoder.l1.Wh"), missing.getMessage());

    Parameters.Builder extra = Parameters.builder(DataType.FLOAT);
    Seq2SeqModel.parameterShapes(cfg, SV, TV).forEach(extra::add);
    extra.add("stray", 2);
    IllegalArgumentException stray = assertThrows(IllegalArgumentException.class,
        () -> Seq2SeqModel.fromParameters(cfg, SV, TV, extra.build()));
    assertTrue(stray.getMessage().contains("stray"), stray.getMessage());
  }

  @Test
  void batchWithoutTargetTokensHasZeroLossAndGradient() {
    Seq2SeqModel model = Seq2SeqModel.initialise(config(2, 2, 0.0, false), SV, TV,
        DataType.DOUBLE, 2);
    model.forwardBackward(BATCH, 1);
    Batch empty = new Batch(new int[][] {{4, 3}}, new int[] {2}, new int[][] {{}},
        new int[][] {{}}, new int[] {0}, new long[] {0});
    LossStats s = model.forwardBackward(empty, 1);
    assertEquals(0, s.tokens());
    assertEquals(0.0, s.lossSum(), 0.0);
    assertEquals(0.0, model.parameters().flatGradients().amaxNumber().doubleValue(), 0.0);
  }

  @Test
  void gradientStepsLowerTheLoss() {
    // A float model trained with plain gradient descent on one batch must fit it.
    Seq2SeqModel model = Seq2SeqModel.initialise(config(2, 2, 0.0, false), SV, TV,
        DataType.FLOAT, 4);
    double first = model.forwardBackward(BATCH, 0).mean();
    double last = first;
    for (int i = 0; i < 150; i++) {
      model.parameters().flatValues().subi(model.parameters().flatGradients().mul(1.0));
      last = model.forwardBackward(BATCH, 0).mean();
    }
    System.out.println("plain SGD on one batch: loss " + first + " -> " + last);
    assertTrue(last < 0.5 * first, first + " -> " + last);
  }

  @Test
  void sentenceLogProbabilitiesSumToTheLoss() {
    Seq2SeqModel model = Seq2SeqModel.initialise(config(2, 2, 0.0, false), SV, TV,
        DataType.DOUBLE, 6);
    double[] lp = model.sentenceLogProbabilities(BATCH);
    double total = 0;
    for (double v : lp) {
      assertTrue(v < 0);
      total += v;
    }
    assertEquals(-model.loss(BATCH).lossSum(), total, 1e-10);
    assertArrayEquals(lp, model.sentenceLogProbabilities(BATCH), 0.0);
  }
}
