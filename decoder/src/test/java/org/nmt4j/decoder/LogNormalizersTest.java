package org.nmt4j.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.ArrayOps;

/**
 * {@link DecodingState#logNormalizers} (oneDNN's log-softmax of the float logits) against the
 * definition summed in double, over steps whose rows shrink: logits spread wide enough (weights
 * of scale 4) that many terms are tiny and one dominates.
 */
class LogNormalizersTest {
  static final int V = 997;
  static final int ROWS = 5;

  private static SeededRnnDecoder decoder(DataType type) {
    DecoderConfig config = new DecoderConfig(8, 16, 2, 0.0, false, false, "lstm");
    Parameters.Builder builder = Parameters.builder(type);
    SeededRnnDecoder.declare(builder, config, V);
    SeededRnnDecoder decoder = new SeededRnnDecoder(builder.build(), config, V);
    decoder.initialise(new InitConfig("uniform", 4.0, false, true), Initialisers.generator(3));
    return decoder;
  }

  @Test
  void floatLogNormalizersMatchTheDefinition() {
    assumeTrue("oneDNN".equals(ArrayOps.floatBackend()), "float elementwise work is not on oneDNN");
    SeededRnnDecoder decoder = decoder(DataType.FLOAT);
    Nd4j.getRandom().setSeed(4);
    INDArray[] h0 = {Nd4j.rand(DataType.FLOAT, ROWS, 16).subi(0.5),
        Nd4j.rand(DataType.FLOAT, ROWS, 16).subi(0.5)};
    INDArray[] c0 = {Nd4j.rand(DataType.FLOAT, ROWS, 16).subi(0.5),
        Nd4j.rand(DataType.FLOAT, ROWS, 16).subi(0.5)};
    DecodingState state = decoder.startDecoding(h0, c0, true);
    assertEquals(true, state.computesLogNormalizers());
    int[] previous = {1, 2, 3, 4, 5};
    double worst = 0;
    for (int t = 0; t < 6; t++) {
      int rows = state.rows();
      float[] logits = new float[rows * V];
      state.step(previous, logits);
      int[] best = new int[rows];
      float[] max = new float[rows];
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < V; j++) {
          if (logits[r * V + j] > logits[r * V + best[r]]) {
            best[r] = j;
          }
        }
        max[r] = logits[r * V + best[r]];
      }
      double[] got = new double[rows];
      state.logNormalizers(logits, rows, best, max, got);
      for (int r = 0; r < rows; r++) {
        double sum = 0;
        for (int j = 0; j < V; j++) {
          sum += Math.exp((double) logits[r * V + j] - max[r]);
        }
        double want = max[r] + Math.log(sum);
        worst = Math.max(worst, Math.abs(got[r] - want));
        assertEquals(want, got[r], 1e-5 * Math.max(1, Math.abs(want)), "step " + t + " row " + r);
        previous[r] = best[r];
      }
      if (rows > 2) {
        state.retainRows(new int[] {0, 2}, 2); // rows shrink, as finished sentences leave
        previous = new int[] {previous[0], previous[2]};
      }
    }
    System.out.println("oneDNN log-normalisers against double: max abs diff " + worst);
  }

  @Test
  void doubleLogitsLeaveTheNormalizersToTheCaller() {
    SeededRnnDecoder decoder = decoder(DataType.DOUBLE);
    INDArray[] h0 = {Nd4j.zeros(DataType.DOUBLE, 2, 16), Nd4j.zeros(DataType.DOUBLE, 2, 16)};
    INDArray[] c0 = {Nd4j.zeros(DataType.DOUBLE, 2, 16), Nd4j.zeros(DataType.DOUBLE, 2, 16)};
    assertFalse(decoder.startDecoding(h0, c0, true).computesLogNormalizers());
  }
}
