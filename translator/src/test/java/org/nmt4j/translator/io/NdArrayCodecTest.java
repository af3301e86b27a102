package org.nmt4j.translator.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The streamed NPY encoding against ND4J's own serializer ({@code Nd4j.toNpyByteArray}, the
 * reference): the same bytes for every type, rank and layout, also for data longer than one
 * chunk, and a checksum that is the checksum of those bytes; reading from a stream gives the
 * array back and names what is wrong with damaged bytes.
 */
class NdArrayCodecTest {
  @Test
  void encodingIsNd4jsBytesForEveryShapeTypeAndLayout() throws IOException {
    long[][] shapes = {{1}, {7}, {1, 5}, {3, 4}, {100, 1}, {2, 3, 4}, {2, 1, 3, 1, 2}};
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (long[] shape : shapes) {
        INDArray a = Nd4j.rand(type, shape);
        assertSameAsNd4j(a, a);
        if (shape.length == 2) {
          assertSameAsNd4j(a.dup('f'), a); // an 'f'-ordered array is written in 'c' order
        }
      }
    }
    INDArray whole = Nd4j.rand(DataType.FLOAT, 6, 5);
    INDArray view = whole.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
    assertSameAsNd4j(view, view.dup('c'));
  }

  @Test
  void dataLongerThanOneChunkIsWrittenWhole() throws IOException {
    INDArray a = Nd4j.rand(DataType.FLOAT, 1, NdArrayCodec.CHUNK / 4 * 2 + 17);
    assertSameAsNd4j(a, a);
  }

  @Test
  void decodeReadsTheEncodingBack() {
    INDArray a = Nd4j.rand(DataType.DOUBLE, 3, 4);
    INDArray back = NdArrayCodec.decode(NdArrayCodec.encode(a), "test", DataType.DOUBLE, 3, 4);
    assertEquals(a, back);
  }

  @Test
  void readFillsTheArrayFromAStreamAndRefusesWrongData() throws IOException {
    INDArray a = Nd4j.rand(DataType.FLOAT, 1, NdArrayCodec.CHUNK / 4 + 5); // over one chunk
    byte[] bytes = Nd4j.toNpyByteArray(a);
    assertEquals(a, NdArrayCodec.read(new ByteArrayInputStream(bytes), "w", DataType.FLOAT,
        a.shape()));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
    assertMessage("w holds " + (a.length() * 4 - 3) + " data bytes, expected " + a.length() * 4
        + " (truncated or damaged)", cut, a.shape());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 8);
    assertMessage("w holds " + (a.length() * 4 + 8) + " data bytes, expected " + a.length() * 4
        + " (truncated or damaged)", longer, a.shape());
    assertMessage("w has shape " + Arrays.toString(a.shape()) + ", expected [1, 7]", bytes, 1, 7);
    assertMessage("w is not an ND4J array (no NPY header)", "not an array".getBytes(), 1, 7);
    assertMessage("w is not an ND4J array (no NPY header)", Arrays.copyOf(bytes, 40), a.shape());
    ModelFileException e = assertThrows(ModelFileException.class, () -> NdArrayCodec.read(
        new ByteArrayInputStream(bytes), "w", DataType.DOUBLE, a.shape()));
    assertEquals("w has element type '<f4', expected '<f8' (DOUBLE)", e.getMessage());
  }

  @Test
  void readIntoFillsAViewAndLeavesItsNeighboursAlone() throws IOException {
    INDArray a = Nd4j.rand(DataType.FLOAT, 3, NdArrayCodec.CHUNK / 8 + 3); // over one chunk
    byte[] bytes = Nd4j.toNpyByteArray(a);
    INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, a.length() + 20);
    INDArray view = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 7 + a.length())).reshape('c', a.shape());
    NdArrayCodec.readInto(new ByteArrayInputStream(bytes), "w", view);
    assertEquals(a, view);
    for (long k : new long[] {0, 6, 7 + a.length(), a.length() + 19}) {
      assertEquals(0.0, flat.getDouble(0, k), "element " + k);
    }
    assertEquals(a.getDouble(0, 0), flat.getDouble(0, 7));
    INDArray columns = Nd4j.zeros(DataType.FLOAT, a.shape()[1], a.shape()[0]).transpose();
    assertThrows(IllegalArgumentException.class,
        () -> NdArrayCodec.readInto(new ByteArrayInputStream(bytes), "w", columns));
    ModelFileException e = assertThrows(ModelFileException.class, () -> NdArrayCodec.readInto(
        new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 1)), "w", view));
    assertEquals("w holds " + (a.length() * 4 - 1) + " data bytes, expected " + a.length() * 4
        + " (truncated or damaged)", e.getMessage());
  }

  private static void assertMessage(String expected, byte[] bytes, long... shape) {
    ModelFileException e = assertThrows(ModelFileException.class, () -> NdArrayCodec.read(
        new ByteArrayInputStream(bytes), "w", DataType.FLOAT, shape));
    assertEquals(expected, e.getMessage());
  }

  private static void assertSameAsNd4j(INDArray written, INDArray reference) throws IOException {
    byte[] expected = Nd4j.toNpyByteArray(reference);
    NdArrayCodec.Encoding e = NdArrayCodec.encoding(written);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    e.writeTo(out);
    byte[] actual = out.toByteArray();
    assertArrayEquals(expected, actual, () -> "shape " + Arrays.toString(written.shape())
        + " " + written.dataType() + " order " + written.ordering());
    assertEquals(expected.length, e.length());
    CRC32 crc = new CRC32();
    crc.update(expected);
    assertEquals(crc.getValue(), e.crc32());
    assertArrayEquals(expected, NdArrayCodec.encode(written));
  }

  @Test
  void releasingFreesTheCopyOfAViewButNeverTheArrayItself() throws IOException {
    INDArray whole = Nd4j.rand(DataType.FLOAT, 4, 6);
    INDArray view = whole.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
    byte[] expected = Nd4j.toNpyByteArray(view.dup('c'));

    NdArrayCodec.Encoding copied = NdArrayCodec.encoding(view);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copied.writeTo(out);
    assertArrayEquals(expected, out.toByteArray());
    copied.releaseCopy();
    org.junit.jupiter.api.Assertions.assertTrue(copied.written().wasClosed(),
        "the copy of the view is freed at once");
    org.junit.jupiter.api.Assertions.assertFalse(whole.wasClosed());
    assertArrayEquals(expected, Nd4j.toNpyByteArray(view.dup('c')), "the view is untouched");

    NdArrayCodec.Encoding direct = NdArrayCodec.encoding(whole);
    direct.releaseCopy();
    org.junit.jupiter.api.Assertions.assertFalse(whole.wasClosed(),
        "a whole array is written from its own buffer and never freed");
    assertEquals(whole.sumNumber().doubleValue(), whole.dup().sumNumber().doubleValue(), 0.0);
  }
}
