package org.nmt4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes and reads a float vector as raw little-endian bytes in 4 MiB pieces, for the custom
 * serialization of the arrays a step moves (the weights, each share's gradient): Java
 * serialization writes a {@code float[]} one value at a time, about five times the CPU of
 * copying its bytes, which for 23 million parameters is most of a step's overhead.
 */
final class FloatVectors {
  private static final int PIECE = 1 << 20;

  private FloatVectors() {}

  /**
   * Copies a flat float array's values out to the heap: one copy, no temporary native array.
   *
   * @param flat [1, n] or [n], contiguous
   * @return [n] the values
   */
  static float[] copyOut(INDArray flat) {
    if (direct(flat)) {
      float[] v = new float[(int) flat.length()];
      new FloatPointer(flat.data().addressPointer()).get(v, 0, v.length);
      return v;
    }
    return flat.reshape(flat.length()).toFloatVector();
  }

  /**
   * Overwrites a flat float array with {@code v}: one copy, no temporary native array.
   *
   * @param flat [1, n] or [n], contiguous
   * @param v [n] the values
   */
  static void copyIn(INDArray flat, float[] v) {
    if (v.length != flat.length()) {
      throw new IllegalArgumentException(v.length + " values for an array of " + flat.length());
    }
    if (direct(flat)) {
      new FloatPointer(flat.data().addressPointer()).put(v, 0, v.length);
    } else {
      flat.assign(Nd4j.createFromArray(v).reshape(flat.shape()));
    }
  }

  /** Whether the array is a whole float buffer of its own (so its memory is the values). */
  private static boolean direct(INDArray flat) {
    return flat.dataType() == DataType.FLOAT && !flat.isView() && flat.offset() == 0
        && flat.data().length() == flat.length() && flat.length() <= Integer.MAX_VALUE;
  }

  /** Writes {@code v} (may be null). */
  static void write(ObjectOutputStream out, float[] v) throws IOException {
    out.writeInt(v == null ? -1 : v.length);
    if (v == null) {
      return;
    }
    ByteBuffer bytes = ByteBuffer.allocate(4 * Math.min(PIECE, v.length))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < v.length; start += PIECE) {
      int n = Math.min(PIECE, v.length - start);
      bytes.clear();
      bytes.asFloatBuffer().put(v, start, n);
      out.write(bytes.array(), 0, 4 * n);
    }
  }

  /** Reads what {@link #write} wrote. */
  static float[] read(ObjectInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    float[] v = new float[length];
    byte[] piece = new byte[4 * Math.min(PIECE, length)];
    ByteBuffer bytes = ByteBuffer.wrap(piece).order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < length; start += PIECE) {
      int n = Math.min(PIECE, length - start);
      in.readFully(piece, 0, 4 * n);
      bytes.clear();
      bytes.asFloatBuffer().get(v, start, n);
    }
    return v;
  }
}
