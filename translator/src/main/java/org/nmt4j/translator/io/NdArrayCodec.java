package org.nmt4j.translator.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arrays in ND4J's binary NPY serialization ({@link Nd4j#toNpyByteArray} and {@link
 * Nd4j#createNpyFromByteArray}: a small text header with type and shape, then the raw
 * little-endian data), which both ND4J calls handle at memory speed. ({@code Nd4j.write} and
 * {@code Nd4j.read} were measured 40 to 100 times slower: 1.2 s for an 8 MB embedding table.)
 *
 * <p>Before the bytes reach ND4J's native parser, the header is checked in Java against the
 * expected type and shape and the data length against the header, so a damaged or hostile file
 * fails with a message instead of reaching native code.
 */
public final class NdArrayCodec {
  private static final Map<DataType, String> DESCR =
      Map.of(DataType.FLOAT, "<f4", DataType.DOUBLE, "<f8");
  private static final Pattern DESCR_FIELD = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern ORDER_FIELD = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE_FIELD = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");
  private static final int MAX_HEADER = 4096;

  private NdArrayCodec() {}

  /** The array's bytes (a view is copied first, since only whole arrays serialize correctly). */
  public static byte[] encode(INDArray array) {
    INDArray a = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
    if (!DESCR.containsKey(a.dataType())) {
      throw new IllegalArgumentException("cannot save arrays of type " + a.dataType());
    }
    return Nd4j.toNpyByteArray(a);
  }

  /**
   * Reads an array written by {@link #encode}.
   *
   * @param bytes the serialized array
   * @param what names the array for messages, e.g. {@code model.nmt4j: weights 'enc.W'}
   * @param type the expected element type
   * @param shape the expected shape
   * @throws ModelFileException when the bytes are not such an array of that type and shape
   */
  public static INDArray decode(byte[] bytes, String what, DataType type, long... shape) {
    String head = new String(bytes, 0, Math.min(bytes.length, MAX_HEADER), StandardCharsets.ISO_8859_1);
    int open = head.indexOf('{');
    int close = head.indexOf('}');
    int end = close < 0 ? -1 : head.indexOf('\n', close);
    if (!head.contains("NUMPY") || open < 0 || close < open || end < 0) {
      throw new ModelFileException(what + " is not an ND4J array (no NPY header)");
    }
    String dict = head.substring(open, close + 1);
    Matcher d = DESCR_FIELD.matcher(dict);
    Matcher o = ORDER_FIELD.matcher(dict);
    Matcher s = SHAPE_FIELD.matcher(dict);
    if (!d.find() || !o.find() || !s.find()) {
      throw new ModelFileException(what + " has an unreadable NPY header");
    }
    String expected = DESCR.get(type);
    if (!d.group(1).equals(expected)) {
      throw new ModelFileException(what + " has element type '" + d.group(1) + "', expected '"
          + expected + "' (" + type + ")");
    }
    if (o.group(1).equals("True")) {
      throw new ModelFileException(what + " is in column-major order; expected row-major");
    }
    long[] found = Arrays.stream(s.group(1).split(","))
        .map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
    if (!Arrays.equals(found, shape)) {
      throw new ModelFileException(what + " has shape " + Arrays.toString(found) + ", expected "
          + Arrays.toString(shape));
    }
    long n = 1;
    for (long x : shape) {
      n *= x;
    }
    long dataBytes = bytes.length - (end + 1L);
    if (dataBytes != n * type.width()) {
      throw new ModelFileException(what + " holds " + dataBytes + " data bytes, expected "
          + n * type.width() + " (truncated or damaged)");
    }
    INDArray a = Nd4j.createNpyFromByteArray(bytes);
    if (a.dataType() != type || !Arrays.equals(a.shape(), shape)) {
      throw new ModelFileException(what + " was read as " + a.dataType() + " "
          + Arrays.toString(a.shape()) + ", expected " + type + " " + Arrays.toString(shape));
    }
    return a;
  }
}
