package org.nmt4j.translator.io;

import org.nmt4j.tokenization.io.AtomicFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes zip entries for model and checkpoint files: text deflated, arrays stored. Entry times
 * are fixed so that equal content gives equal bytes.
 */
public final class ZipArchiveWriter implements AutoCloseable {
  private final ZipOutputStream zip;
  private final Set<String> names = new HashSet<>();

  /** @param out the destination (closed by {@link #close()} via the zip stream's finish only) */
  public ZipArchiveWriter(OutputStream out) {
    this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.BEST_SPEED);
  }

  /** Adds an entry whose content the writer produces (it must not close the stream). */
  public void put(String name, AtomicFiles.StreamWriter writer) throws IOException {
    if (SafeZipReader.unsafe(name) != null || !names.add(name)) {
      throw new IllegalArgumentException("bad or duplicate zip entry name: " + name);
    }
    ZipEntry e = new ZipEntry(name);
    e.setTime(0L);
    zip.putNextEntry(e);
    writer.write(new FilterOutputStream(zip) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush(); // libraries that close their stream must not end the archive
      }
    });
    zip.closeEntry();
  }

  /** Adds an entry with the given bytes. */
  public void putBytes(String name, byte[] content) throws IOException {
    put(name, out -> out.write(content));
  }

  /**
   * Adds an entry without compression, for arrays: float data barely deflates (7% on trained
   * weights), and a stored entry is read at memory speed.
   */
  public void putStored(String name, byte[] content) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(content);
    zip.putNextEntry(storedEntry(name, content.length, crc.getValue()));
    for (int off = 0; off < content.length; off += NdArrayCodec.CHUNK) {
      // in chunks: a file channel copies each write into a temporary direct buffer of its size
      zip.write(content, off, Math.min(NdArrayCodec.CHUNK, content.length - off));
    }
    zip.closeEntry();
  }

  private ZipEntry storedEntry(String name, long size, long crc) {
    if (SafeZipReader.unsafe(name) != null || !names.add(name)) {
      throw new IllegalArgumentException("bad or duplicate zip entry name: " + name);
    }
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(size);
    e.setCompressedSize(size);
    e.setCrc(crc);
    e.setTime(0L);
    return e;
  }

  /**
   * Adds an array as a stored NPY entry ({@link NdArrayCodec}), streamed from the array's native
   * buffer: no copy of a large array is made on the heap or in native memory. The array must not
   * change until this returns (its checksum is taken before its bytes are written; the zip
   * stream fails on a mismatch).
   */
  public void putStored(String name, INDArray array) throws IOException {
    NdArrayCodec.Encoding content = NdArrayCodec.encoding(array);
    try {
      ZipEntry e = storedEntry(name, content.length(), content.crc32());
      zip.putNextEntry(e);
      content.writeTo(zip);
      zip.closeEntry();
    } finally {
      content.releaseCopy();
    }
  }

  /** Adds an entry with UTF-8 text. */
  public void putText(String name, String content) throws IOException {
    putBytes(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the central directory; the underlying stream is left to its owner. */
  @Override
  public void close() throws IOException {
    zip.finish();
    zip.flush();
  }
}
