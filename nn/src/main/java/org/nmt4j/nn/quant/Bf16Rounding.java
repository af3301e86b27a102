package org.nmt4j.nn.quant;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * Rounding float values to bf16 (the upper 16 bits of a float: 8 exponent bits, 7 fraction
 * bits), to nearest with ties to even, as the CPU's bf16 conversion instructions and oneDNN do.
 */
public final class Bf16Rounding {
  private Bf16Rounding() {}

  /** {@code x} rounded to the nearest bf16 value (ties to even), as a float; NaN stays NaN. */
  public static float round(float x) {
    if (Float.isNaN(x)) {
      return x;
    }
    int bits = Float.floatToRawIntBits(x);
    int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
    return Float.intBitsToFloat(rounded & 0xffff0000);
  }

  /** Rounds every value of a FLOAT array to bf16 in place (a contiguous or viewed array). */
  public static void roundInPlace(INDArray x) {
    if (x.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("bf16 rounding needs a FLOAT array, got "
          + x.dataType());
    }
    INDArray flat = x.isView() ? x.dup() : x;
    int length = (int) flat.length();
    float[] values = new float[length];
    NativeMemory.read(flat, 0, values, 0, length);
    for (int i = 0; i < length; i++) {
      values[i] = round(values[i]);
    }
    NativeMemory.write(flat, 0, values, 0, length);
    if (flat != x) {
      x.assign(flat);
    }
  }
}
