package org.nmt4j.nn.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link QuantizedMatrix#quantizeRow} against its definition: scale = max |x| / levels (1 for a
 * row of zeros), q = rint(x / scale) + zero, for rows at offsets of a larger array, in 8-bit and
 * 7-bit mode.
 */
class QuantizeRowTest {
  @Test
  void quantizedRowsMatchTheDefinition() {
    Random random = new Random(12);
    for (int[] mode : new int[][] {{127, 128}, {63, 64}}) {
      int levels = mode[0];
      int zero = mode[1];
      for (int k : new int[] {1, 7, 64, 513}) {
        for (int kind = 0; kind < 4; kind++) {
          int offset = random.nextInt(5);
          float[] x = new float[offset + k + 3];
          for (int p = 0; p < x.length; p++) {
            x[p] = kind == 0 ? 0f : (float) (random.nextGaussian() * (kind == 3 ? 1e-30 : 2));
          }
          if (kind == 2) {
            x[offset + k / 2] = -1e4f; // one large negative value sets the scale
          }
          byte[] out = new byte[k + 2];
          float scale = QuantizedMatrix.quantizeRow(x, offset, k, out, 1, levels, zero);
          double max = 0;
          for (int p = 0; p < k; p++) {
            max = Math.max(max, Math.abs(x[offset + p]));
          }
          float want = max > 0 ? (float) max / levels : 1f;
          assertEquals(want, scale, 0f, "scale, k " + k + " kind " + kind);
          float inverse = max > 0 ? levels / (float) max : 0f;
          for (int p = 0; p < k; p++) {
            int q = (int) Math.rint(x[offset + p] * inverse) + zero;
            assertEquals(q, out[1 + p] & 0xff, "k " + k + " kind " + kind + " element " + p);
          }
          assertEquals(0, out[0]);
          assertEquals(0, out[k + 1]);
        }
      }
    }
  }
}
