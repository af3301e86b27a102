package org.nmt4j.nn.ops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Raw access to the host memory behind an ND4J array, for calls that take pointers (BLAS) and
 * for the few per-element reads and writes done from Java (targets of the loss, embedding rows).
 *
 * <p>Offsets are in elements, counted from the array's own first element, so they work the same
 * for fresh arrays and for views (an ND4J view's buffer may or may not already include the
 * view's offset; {@code offset() - data().offset()} is the part it does not include).
 */
public final class NativeMemory {
  private NativeMemory() {}

  /** Element offset of {@code array}'s first element from its data buffer's address pointer. */
  static long baseOffset(INDArray array) {
    return array.offset() - array.data().offset();
  }

  /** A float pointer at element {@code offset} of a FLOAT array. */
  public static FloatPointer floatPointer(INDArray array, long offset) {
    DataBuffer data = array.data();
    FloatPointer p = (FloatPointer) data.addressPointer();
    return new FloatPointer((Pointer) p).position(p.position() + baseOffset(array) + offset);
  }

  /** A double pointer at element {@code offset} of a DOUBLE array. */
  public static DoublePointer doublePointer(INDArray array, long offset) {
    DataBuffer data = array.data();
    DoublePointer p = (DoublePointer) data.addressPointer();
    return new DoublePointer((Pointer) p).position(p.position() + baseOffset(array) + offset);
  }

  /**
   * A Java view of {@code count} consecutive elements of a FLOAT array from element {@code
   * offset} (native byte order; reads and writes go to the array's memory).
   */
  public static FloatBuffer floatBuffer(INDArray array, long offset, int count) {
    FloatPointer p = floatPointer(array, offset);
    return p.limit(p.position() + count).asBuffer();
  }

  /** {@link #floatBuffer} for a DOUBLE array. */
  public static DoubleBuffer doubleBuffer(INDArray array, long offset, int count) {
    DoublePointer p = doublePointer(array, offset);
    return p.limit(p.position() + count).asBuffer();
  }

  /**
   * A Java view of the bytes of {@code count} consecutive elements of an array from element
   * {@code offset} (reads and writes go to the array's memory; the caller keeps the array
   * reachable while it uses the view).
   *
   * @throws IllegalArgumentException for more than 2 GB
   */
  public static java.nio.ByteBuffer byteBuffer(INDArray array, long offset, long count) {
    long bytes = count * array.data().getElementSize();
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(bytes + " bytes: more than a Java buffer holds");
    }
    org.bytedeco.javacpp.BytePointer p =
        new org.bytedeco.javacpp.BytePointer(new RawPointer(address(array, offset)));
    return p.capacity(bytes).limit(bytes).asByteBuffer();
  }

  /** Byte address of element {@code offset} of {@code array}. */
  public static long address(INDArray array, long offset) {
    DataBuffer data = array.data();
    Pointer p = data.addressPointer();
    long size = data.getElementSize();
    return p.address() + (p.position() + baseOffset(array) + offset) * size;
  }

  /** Copies {@code count} consecutive elements between arrays of the same type. */
  public static void copy(INDArray src, long srcOffset, INDArray dst, long dstOffset, long count) {
    if (src.dataType() != dst.dataType()) {
      throw new IllegalArgumentException("copy between " + src.dataType() + " and " + dst.dataType());
    }
    if (count <= 0) {
      return;
    }
    long bytes = count * src.data().getElementSize();
    Pointer.memcpy(new RawPointer(address(dst, dstOffset)), new RawPointer(address(src, srcOffset)), bytes);
  }

  /**
   * Row gather between arrays of one type: for i in [0, count), copies {@code width} consecutive
   * elements from {@code srcBase + rows[i] * srcStride} of src to {@code dstBase + i * dstStride}
   * of dst. One JNI call per row and no per-row objects (a decoding step gathers hundreds of
   * rows). The caller checks that every row lies inside src.
   */
  public static void gatherRows(INDArray src, long srcBase, long srcStride, int[] rows, int count,
      INDArray dst, long dstBase, long dstStride, long width) {
    if (src.dataType() != dst.dataType()) {
      throw new IllegalArgumentException("gather between " + src.dataType() + " and " + dst.dataType());
    }
    long size = src.data().getElementSize();
    long s0 = address(src, srcBase);
    long d0 = address(dst, dstBase);
    long bytes = width * size;
    RawPointer from = new RawPointer(s0);
    RawPointer to = new RawPointer(d0);
    for (int i = 0; i < count; i++) {
      from.at(s0 + rows[i] * srcStride * size);
      to.at(d0 + i * dstStride * size);
      Pointer.memcpy(to, from, bytes);
    }
  }

  /** Whether {@code count} consecutive elements of a and b are bitwise equal (same type). */
  public static boolean sameBits(INDArray a, long aOffset, INDArray b, long bOffset, long count) {
    if (a.dataType() != b.dataType()) {
      return false;
    }
    if (count <= 0) {
      return true;
    }
    long bytes = count * a.data().getElementSize();
    return Pointer.memcmp(new RawPointer(address(a, aOffset)), new RawPointer(address(b, bOffset)),
        bytes) == 0;
  }

  /**
   * Whether the elements of x lie consecutively in row-major order: each dimension longer than 1
   * steps over all later ones (dimensions of length 1 have any stride, as in ND4J's [1, H] row
   * views; ND4J's 1-D views say 'f' order, which means nothing for them).
   */
  public static boolean consecutive(INDArray x) {
    long span = 1;
    for (int d = x.rank() - 1; d >= 0; d--) {
      long size = x.size(d);
      if (size != 1 && x.stride(d) != span) {
        return false;
      }
      span *= size;
    }
    return true;
  }

  /** A pointer at a byte address, position 0, owning nothing (for native calls' handles). */
  public static Pointer pointer(long byteAddress) {
    return new RawPointer(byteAddress);
  }

  /** A pointer at a byte address, position 0, owning nothing. */
  private static final class RawPointer extends Pointer {
    RawPointer(long address) {
      this.address = address;
    }

    void at(long newAddress) {
      this.address = newAddress;
    }
  }

  /** Reads {@code out.length} consecutive elements starting at {@code offset} as doubles. */
  public static void read(INDArray array, long offset, double[] out, int outOffset, int length) {
    if (array.dataType() == DataType.DOUBLE) {
      doublePointer(array, offset).get(out, outOffset, length);
    } else if (array.dataType() == DataType.FLOAT) {
      float[] tmp = new float[length];
      floatPointer(array, offset).get(tmp, 0, length);
      for (int i = 0; i < length; i++) {
        out[outOffset + i] = tmp[i];
      }
    } else {
      throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + array.dataType());
    }
  }

  /**
   * Writes {@code length} doubles as consecutive elements starting at {@code offset}, rounded to
   * float for a FLOAT array.
   */
  public static void write(INDArray array, long offset, double[] in, int inOffset, int length) {
    if (array.dataType() == DataType.DOUBLE) {
      doublePointer(array, offset).put(in, inOffset, length);
    } else if (array.dataType() == DataType.FLOAT) {
      float[] tmp = new float[length];
      for (int i = 0; i < length; i++) {
        tmp[i] = (float) in[inOffset + i];
      }
      floatPointer(array, offset).put(tmp, 0, length);
    } else {
      throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + array.dataType());
    }
  }

  /** Reads consecutive FLOAT elements into a float array. */
  public static void read(INDArray array, long offset, float[] out, int outOffset, int length) {
    floatPointer(array, offset).get(out, outOffset, length);
  }

  /** Writes consecutive FLOAT elements from a float array. */
  public static void write(INDArray array, long offset, float[] in, int inOffset, int length) {
    floatPointer(array, offset).put(in, inOffset, length);
  }

  /** Reads consecutive DOUBLE elements into a double array. */
  public static void readDoubles(INDArray array, long offset, double[] out, int outOffset, int length) {
    doublePointer(array, offset).get(out, outOffset, length);
  }

  /** Writes consecutive DOUBLE elements from a double array. */
  public static void writeDoubles(INDArray array, long offset, double[] in, int inOffset, int length) {
    doublePointer(array, offset).put(in, inOffset, length);
  }

  /** One element as a double. */
  public static double get(INDArray array, long offset) {
    if (array.dataType() == DataType.DOUBLE) {
      return doublePointer(array, offset).get();
    }
    return floatPointer(array, offset).get();
  }

  /** Sets one element. */
  public static void set(INDArray array, long offset, double value) {
    if (array.dataType() == DataType.DOUBLE) {
      doublePointer(array, offset).put(value);
    } else {
      floatPointer(array, offset).put((float) value);
    }
  }

  /** Adds to one element. */
  public static void add(INDArray array, long offset, double value) {
    if (array.dataType() == DataType.DOUBLE) {
      DoublePointer p = doublePointer(array, offset);
      p.put(p.get() + value);
    } else {
      FloatPointer p = floatPointer(array, offset);
      p.put((float) (p.get() + value));
    }
  }
}
