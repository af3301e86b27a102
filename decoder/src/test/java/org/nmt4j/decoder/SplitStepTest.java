package org.nmt4j.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;

/**
 * A step split over two threads ({@link DecodingState}'s split step: the recurrent products of
 * the next step computed ahead, the logit columns shared) against the plain step: the same
 * greedy tokens and the same logits up to rounding, for float and double models, one row and
 * a few, with rows dropped on the way.
 */
class SplitStepTest {
  /** Large enough against the recurrent weights that the output product splits by columns. */
  static final int V = 200;
  static final int STEPS = 8;

  @ParameterizedTest(name = "{0} cell={1} context={2} rows={3}")
  @CsvSource({"DOUBLE, lstm, false, 1", "FLOAT, lstm, false, 1", "FLOAT, lstm, true, 3",
      "DOUBLE, lstm, true, 3", "DOUBLE, gru, false, 1", "FLOAT, gru, true, 3",
      "FLOAT, rnn, false, 3"})
  void splitStepsMatchPlainSteps(DataType type, String cell, boolean context, int rows) {
    DecoderConfig config = new DecoderConfig(5, 6, 2, 0.0, false, context, cell);
    Parameters.Builder builder = Parameters.builder(type);
    SeededRnnDecoder.declare(builder, config, V);
    Parameters params = builder.build();
    SeededRnnDecoder decoder = new SeededRnnDecoder(params, config, V);
    decoder.initialise(new InitConfig("uniform", 0.5, false, true), Initialisers.generator(5));
    int column = DecodingState.splitColumn(decoder);
    assertTrue(column > 0 && column < V, "the output should split by columns, got " + column);
    Nd4j.getRandom().setSeed(7);
    INDArray[] h0 = {Nd4j.rand(type, rows, 6).subi(0.5), Nd4j.rand(type, rows, 6).subi(0.5)};
    INDArray[] c0 = decoder.hasCellState()
        ? new INDArray[] {Nd4j.rand(type, rows, 6).subi(0.5), Nd4j.rand(type, rows, 6).subi(0.5)}
        : null;
    for (boolean table : new boolean[] {true, false}) {
      DecodingState plain = decoder.startDecoding(h0, c0, table);
      DecodingState split = decoder.startDecoding(h0, c0, table);
      plain.forceSplit(false);
      split.forceSplit(true);
      int[] plainTokens = new int[rows];
      int[] splitTokens = new int[rows];
      double worst = 0;
      for (int t = 0; t < STEPS; t++) {
        plain.step(plainTokens);
        split.step(splitTokens);
        assertEquals(plain.batchSize(), split.batchSize());
        double[] a = plain.logits().dup().reshape(-1).toDoubleVector();
        double[] b = split.logits().dup().reshape(-1).toDoubleVector();
        for (int i = 0; i < a.length; i++) {
          worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        plainTokens = greedy(a, plain.batchSize());
        splitTokens = greedy(b, split.batchSize());
        assertArrayEquals(plainTokens, splitTokens, "greedy tokens at step " + t);
        if (t == 3 && plain.batchSize() > 1) {
          // drop a row and reorder the rest: the recurrent parts computed ahead are stale
          int[] keep = {2, 0};
          plain.retain(keep);
          split.retain(keep);
          plainTokens = new int[] {plainTokens[2], plainTokens[0]};
          splitTokens = new int[] {splitTokens[2], splitTokens[0]};
        }
      }
      System.out.println("split vs plain step (" + type + ", " + cell + ", rows " + rows
          + ", table " + table + "): max abs logit diff " + worst);
      assertTrue(worst < (type == DataType.DOUBLE ? 1e-12 : 1e-5), "max abs diff " + worst);
    }
  }

  /** Each row's largest logit's id. */
  private static int[] greedy(double[] logits, int rows) {
    int[] ids = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int v = 1; v < V; v++) {
        if (logits[r * V + v] > logits[r * V + ids[r]]) {
          ids[r] = v;
        }
      }
    }
    return ids;
  }
}
