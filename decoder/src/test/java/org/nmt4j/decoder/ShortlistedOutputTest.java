package org.nmt4j.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.Initialisers;
import org.nmt4j.nn.Parameters;

/**
 * Decoding over a shortlist against decoding over the whole vocabulary: at the shortlisted ids
 * the same logits (up to rounding: a product over fewer columns), -infinity everywhere else, for
 * float and double models, with and without a source context, with rows dropped and reordered.
 */
class ShortlistedOutputTest {
  static final int V = 60;
  static final int STEPS = 6;
  static final int ROWS = 4;

  @ParameterizedTest(name = "{0} cell={1} context={2}")
  @CsvSource({"DOUBLE, lstm, false", "FLOAT, lstm, false", "FLOAT, lstm, true",
      "DOUBLE, gru, true", "FLOAT, rnn, false"})
  void shortlistedLogitsAreTheWholeVocabularysAtTheirIds(DataType type, String cell,
      boolean context) {
    DecoderConfig config = new DecoderConfig(5, 6, 2, 0.0, false, context, cell);
    SeededRnnDecoder decoder = decoder(type, config);
    INDArray[] h0 = states(type, 7);
    INDArray[] c0 = decoder.hasCellState() ? states(type, 8) : null;
    int[] shortlist = {0, 3, 4, 9, 17, 18, 30, 41, 42, 59};
    DecodingState whole = decoder.startDecoding(h0, c0, true);
    DecodingState listed = decoder.startDecoding(h0, c0, shortlist);
    assertArrayEquals(shortlist, listed.shortlist());
    assertEquals(null, whole.shortlist());
    int[] tokens = {2, 2, 2, 2};
    double worst = 0;
    for (int t = 0; t < STEPS; t++) {
      whole.step(tokens);
      listed.step(tokens);
      int rows = whole.batchSize();
      double[] a = whole.logits().dup().reshape(-1).toDoubleVector();
      double[] b = listed.logits().dup().reshape(-1).toDoubleVector();
      float[] copied = new float[rows * V];
      listed.copyLogits(copied);
      int[] next = new int[rows];
      for (int r = 0; r < rows; r++) {
        int best = shortlist[0];
        for (int v = 0; v < V; v++) {
          int i = r * V + v;
          if (Arrays.binarySearch(shortlist, v) >= 0) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            best = b[i] > b[r * V + best] ? v : best;
          } else {
            assertEquals(Double.NEGATIVE_INFINITY, b[i], "row " + r + " id " + v);
            assertEquals(Float.NEGATIVE_INFINITY, copied[i], "row " + r + " id " + v);
          }
        }
        next[r] = best;
      }
      tokens = next;
      if (t == 2) {
        int[] keep = {3, 0, 2};
        whole.retain(keep);
        listed.retain(keep);
        tokens = new int[] {tokens[3], tokens[0], tokens[2]};
      }
    }
    System.out.println("shortlisted vs whole (" + type + ", " + cell + ", context " + context
        + "): max abs logit diff " + worst);
    assertTrue(worst < (type == DataType.DOUBLE ? 1e-12 : 1e-5), "max abs diff " + worst);
  }

  @Test
  void badShortlistsAreRefused() {
    DecoderConfig config = new DecoderConfig(5, 6, 1, 0.0, false, false, "lstm");
    SeededRnnDecoder decoder = decoder(DataType.FLOAT, config);
    INDArray[] h0 = {states(DataType.FLOAT, 1)[0]};
    INDArray[] c0 = {states(DataType.FLOAT, 2)[0]};
    for (int[] bad : new int[][] {{}, {3, 3}, {5, 4}, {-1, 2}, {2, V}}) {
      assertThrows(IllegalArgumentException.class, () -> decoder.startDecoding(h0, c0, bad),
          Arrays.toString(bad));
    }
  }

  private static SeededRnnDecoder decoder(DataType type, DecoderConfig config) {
    Parameters.Builder builder = Parameters.builder(type);
    SeededRnnDecoder.declare(builder, config, V);
    SeededRnnDecoder decoder = new SeededRnnDecoder(builder.build(), config, V);
    decoder.initialise(new InitConfig("uniform", 0.5, false, true), Initialisers.generator(5));
    return decoder;
  }

  private static INDArray[] states(DataType type, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return new INDArray[] {Nd4j.rand(type, ROWS, 6).subi(0.5), Nd4j.rand(type, ROWS, 6).subi(0.5)};
  }
}
