package org.nmt4j.translator.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.NativeMemory;
import org.nmt4j.nn.ops.NativeRelease;

/**
 * Arrays in ND4J's binary NPY serialization (the format of {@link Nd4j#toNpyByteArray} and
 * {@link Nd4j#createNpyFromByteArray}: a small text header with type and shape, then the raw
 * little-endian data), written and read here at memory speed. ({@code Nd4j.write} and {@code
 * Nd4j.read} were measured 40 to 100 times slower: 1.2 s for an 8 MB embedding table.)
 *
 * <p>Both directions stream: writing ({@link #encoding}) makes the header here, byte for byte as
 * ND4J makes it, and copies the data from the array's own native buffer to the stream in chunks
 * of {@value #CHUNK} bytes; reading ({@link #read}) fills a new array's native buffer from the
 * stream in such chunks. (ND4J's calls hold whole copies: {@code Nd4j.toNpyByteArray} makes a
 * native copy of the array, grows a {@code ByteArrayOutputStream} to it and copies that, and a
 * file channel copies one large {@code byte[]} write into a temporary direct buffer of its size;
 * saving the checkpoint of a 22-million-parameter model (weights and Adam's two moments, 265 MB)
 * took about 800 MB of heap and 260 MB of native memory, which stayed with the training process
 * as its peak. Reading it back held the bytes on the heap and a native copy besides.)
 *
 * <p>The header is checked in Java against the expected type and shape and the data length
 * against the shape, so a damaged or hostile file fails with a message naming it.
 */
public final class NdArrayCodec {
  private static final Map<DataType, String> DESCR =
      Map.of(DataType.FLOAT, "<f4", DataType.DOUBLE, "<f8");
  private static final Pattern DESCR_FIELD = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern ORDER_FIELD = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE_FIELD = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");
  private static final int MAX_HEADER = 4096;
  /** The NPY magic string and format version 1.0. */
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  /** The header (magic, length, dictionary, padding) fills a multiple of this many bytes. */
  private static final int HEADER_ALIGN = 64;
  /** The most bytes copied from native memory to the heap at a time while writing. */
  static final int CHUNK = 1 << 20;

  private NdArrayCodec() {}

  /**
   * The array's bytes (a view is copied first, since only whole arrays serialize correctly): the
   * same bytes as {@code Nd4j.toNpyByteArray}. For small arrays; write large ones with {@link
   * #encoding}.
   */
  public static byte[] encode(INDArray array) {
    Encoding e = encoding(array);
    if (e.length() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("array too large for one byte array: " + e.length() + " bytes");
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) e.length());
    try {
      e.writeTo(out);
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }

  /**
   * The array's encoding, ready to be written without copying its data (a view or an
   * {@code 'f'}-ordered array is copied once, to a whole {@code 'c'}-ordered array, as {@link
   * #encode} does).
   *
   * @throws IllegalArgumentException for a type other than FLOAT or DOUBLE, or data over 2 GB
   */
  public static Encoding encoding(INDArray array) {
    if (!DESCR.containsKey(array.dataType())) {
      throw new IllegalArgumentException("cannot save arrays of type " + array.dataType());
    }
    INDArray a = array.isView() || array.ordering() != 'c' || array.offset() != 0
        || array.data().length() != array.length() ? array.dup('c') : array;
    long bytes = a.length() * a.dataType().width();
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("cannot save an array of " + bytes + " bytes (2 GB at most)");
    }
    return new Encoding(a, header(a), a != array);
  }

  /**
   * The NPY header of a whole {@code 'c'}-ordered array as ND4J (and numpy) write it: magic,
   * version 1.0, the little-endian length of the rest, then the dictionary padded with spaces to
   * a multiple of {@value #HEADER_ALIGN} bytes and ended by a newline.
   */
  private static byte[] header(INDArray a) {
    StringBuilder shape = new StringBuilder();
    long[] dims = a.shape();
    for (int i = 0; i < dims.length; i++) {
      shape.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    if (dims.length == 1) {
      shape.append(',');
    }
    String dict = "{'descr': '" + DESCR.get(a.dataType()) + "', 'fortran_order': False, 'shape': ("
        + shape + "), }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int total = (unpadded + HEADER_ALIGN - 1) / HEADER_ALIGN * HEADER_ALIGN;
    byte[] h = new byte[total];
    System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
    int rest = total - MAGIC.length - 2;
    h[MAGIC.length] = (byte) rest;
    h[MAGIC.length + 1] = (byte) (rest >>> 8);
    byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(d, 0, h, MAGIC.length + 2, d.length);
    Arrays.fill(h, MAGIC.length + 2 + d.length, total - 1, (byte) ' ');
    h[total - 1] = '\n';
    return h;
  }

  /**
   * An array's NPY encoding: its header and its data, read from the array's native buffer when
   * written. Holds the array, so the buffer stays allocated while the encoding is used.
   */
  public static final class Encoding {
    private final INDArray array;
    private final byte[] header;
    private final boolean copy;

    private Encoding(INDArray array, byte[] header, boolean copy) {
      this.array = array;
      this.header = header;
      this.copy = copy;
    }

    /**
     * Frees the native copy made of a view or an {@code 'f'}-ordered array now rather than at a
     * later garbage collection (nothing for a whole array, which is written from its own
     * buffer); the encoding cannot be used afterwards. Saving a model writes every weight
     * tensor, a view of the flat parameters, so without this the copies of all weights (89 MB
     * at the benchmark's size) stayed resident after each save.
     */
    public void releaseCopy() {
      if (copy) {
        NativeRelease.free(array);
      }
    }

    /** The array written: the one encoded, or its copy; for tests. */
    INDArray written() {
      return array;
    }

    /** The number of bytes {@link #writeTo} writes. */
    public long length() {
      return header.length + array.length() * array.dataType().width();
    }

    /** The CRC-32 of the bytes {@link #writeTo} writes (for a stored zip entry). */
    public long crc32() {
      CRC32 crc = new CRC32();
      crc.update(header);
      crc.update(data()); // a direct buffer: checksummed in place
      Reference.reachabilityFence(array);
      return crc.getValue();
    }

    /** Writes the header, then the data in chunks of at most {@value NdArrayCodec#CHUNK} bytes. */
    public void writeTo(OutputStream out) throws IOException {
      out.write(header);
      ByteBuffer data = data();
      byte[] chunk = new byte[Math.min(CHUNK, data.remaining())];
      while (data.hasRemaining()) {
        int n = Math.min(chunk.length, data.remaining());
        data.get(chunk, 0, n);
        out.write(chunk, 0, n);
      }
      Reference.reachabilityFence(array);
    }

    /** The data bytes: a view of the native buffer, little-endian as ND4J stores them. */
    private ByteBuffer data() {
      if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
        throw new IllegalStateException("saving arrays needs a little-endian CPU");
      }
      ByteBuffer b = array.data().asNio().duplicate();
      b.position(0).limit(Math.toIntExact(array.length() * array.dataType().width()));
      return b.slice();
    }
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
    try {
      return read(new java.io.ByteArrayInputStream(bytes), what, type, shape);
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
  }

  /**
   * Reads an array written by {@link #encoding} from a stream, to its end: the header is checked
   * in Java against the expected type and shape, then the data go in chunks of {@value #CHUNK}
   * bytes straight into the new array's native buffer (no copy of the whole array on the heap).
   *
   * @param in the serialized array, read to its end
   * @param what names the array for messages, e.g. {@code model.nmt4j: weights 'enc.W'}
   * @param type the expected element type
   * @param shape the expected shape
   * @return a new {@code 'c'}-ordered array of that type and shape
   * @throws ModelFileException when the stream does not hold such an array
   * @throws IOException when the stream cannot be read
   */
  public static INDArray read(InputStream in, String what, DataType type, long... shape)
      throws IOException {
    long bytes = readHeader(in, what, type, shape);
    INDArray a = Nd4j.create(type, shape, 'c');
    readData(in, what, a, bytes);
    return a;
  }

  /**
   * {@link #read(InputStream, String, DataType, long...)} into an existing array (such as a
   * model's parameter, a view of its flat buffer) instead of a new one: the stream's type and
   * shape must be the array's. On an exception the array may hold part of the data.
   *
   * @param dest a row-major array whose elements lie consecutively in memory
   * @throws IllegalArgumentException when dest's elements are not consecutive
   */
  public static void readInto(InputStream in, String what, INDArray dest) throws IOException {
    if (!NativeMemory.consecutive(dest)) {
      throw new IllegalArgumentException(what + ": the destination is not a consecutive "
          + "row-major array");
    }
    long bytes = readHeader(in, what, dest.dataType(), dest.shape());
    readData(in, what, dest, bytes);
  }

  /** Reads and checks the NPY header; returns the data's length in bytes. */
  private static long readHeader(InputStream in, String what, DataType type, long[] shape)
      throws IOException {
    String dict = readHeader(in, what);
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
    long[] found;
    try {
      found = Arrays.stream(s.group(1).split(","))
          .map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
    } catch (NumberFormatException e) {
      throw new ModelFileException(what + " has an unreadable NPY header");
    }
    if (!Arrays.equals(found, shape)) {
      throw new ModelFileException(what + " has shape " + Arrays.toString(found) + ", expected "
          + Arrays.toString(shape));
    }
    long n = 1;
    for (long x : shape) {
      n *= x;
    }
    long expectedBytes = n * type.width();
    if (expectedBytes > Integer.MAX_VALUE) {
      throw new ModelFileException(what + " holds " + expectedBytes + " bytes, more than 2 GB");
    }
    return expectedBytes;
  }

  /** Reads the data, to the stream's end, into the memory of {@code a} (expectedBytes long). */
  private static void readData(InputStream in, String what, INDArray a, long expectedBytes)
      throws IOException {
    ByteBuffer data = expectedBytes == 0 ? ByteBuffer.allocate(0)
        : NativeMemory.byteBuffer(a, 0, a.length()).order(ByteOrder.LITTLE_ENDIAN);
    byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(expectedBytes, 8192))];
    long got = 0;
    while (data.hasRemaining()) {
      int r = in.read(chunk, 0, Math.min(chunk.length, data.remaining()));
      if (r < 0) {
        break;
      }
      data.put(chunk, 0, r);
      got += r;
    }
    for (int r; (r = in.read(chunk)) >= 0; ) {
      got += r; // counted for the message: more bytes than the shape holds
    }
    if (got != expectedBytes) {
      throw new ModelFileException(what + " holds " + got + " data bytes, expected "
          + expectedBytes + " (truncated or damaged)");
    }
    Reference.reachabilityFence(a);
  }

  /**
   * Reads the NPY preamble (magic, version, header length: 2 bytes in version 1, 4 in versions 2
   * and 3) and returns the header dictionary.
   */
  private static String readHeader(InputStream in, String what) throws IOException {
    byte[] pre = in.readNBytes(MAGIC.length + 2);
    boolean magic = pre.length == MAGIC.length + 2;
    for (int i = 0; magic && i < 6; i++) {
      magic = pre[i] == MAGIC[i];
    }
    int major = magic ? pre[6] : 0;
    if (!magic || major < 1 || major > 3) {
      throw new ModelFileException(what + " is not an ND4J array (no NPY header)");
    }
    long length = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
    if (major > 1) {
      byte[] more = in.readNBytes(2);
      if (more.length < 2) {
        throw new ModelFileException(what + " is not an ND4J array (no NPY header)");
      }
      length |= (long) (more[0] & 0xff) << 16 | (long) (more[1] & 0xff) << 24;
    }
    if (length > MAX_HEADER) {
      throw new ModelFileException(what + " has an unreadable NPY header");
    }
    byte[] header = in.readNBytes((int) length);
    String text = new String(header, StandardCharsets.ISO_8859_1);
    int open = text.indexOf('{');
    int close = text.indexOf('}');
    if (header.length < length || open < 0 || close < open || !text.endsWith("\n")) {
      throw new ModelFileException(what + " is not an ND4J array (no NPY header)");
    }
    return text.substring(open, close + 1);
  }
}
