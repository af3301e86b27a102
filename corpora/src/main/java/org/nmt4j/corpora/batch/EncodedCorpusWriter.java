package org.nmt4j.corpora.batch;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nmt4j.tokenization.io.AtomicFiles;

/**
 * Writes encoded pairs to an {@link EncodedCorpusFile}, atomically: the pairs go to a temporary
 * sibling, and only {@link #commit(String)} puts the file under its name; closing without a
 * commit deletes the temporary file.
 *
 * <p>Layout (all integers big-endian): the pairs, each as varint source length, varint target
 * length, then the varint ids; then the byte offset of every chunk of {@value
 * EncodedCorpusFile#CHUNK} pairs (8 bytes each); then the metadata (UTF-8); then a 40-byte
 * footer: metadata offset, index offset, number of pairs (8 bytes each), chunk size, format
 * version (4 bytes each), and the magic {@code NMT4JIDS}. Ids below 128 take one byte, below
 * 16384 two, so a pair of two 15-token sentences takes about 50 bytes.
 */
public final class EncodedCorpusWriter implements AutoCloseable {

  private final Path file;
  private final Path temp;
  private final CountingOutput counter;
  private final DataOutputStream out;
  private long[] chunkOffsets = new long[1024];
  private long pairs;
  private boolean committed;
  private boolean closed;

  /**
   * Starts writing {@code file} (its directory must exist).
   *
   * @param file the final file
   * @throws IOException if the temporary file cannot be created
   */
  public EncodedCorpusWriter(Path file) throws IOException {
    this.file = file;
    this.temp = AtomicFiles.temporarySibling(file);
    this.counter = new CountingOutput(AtomicFiles.openTemporary(temp));
    this.out = new DataOutputStream(new BufferedOutputStream(counter, 1 << 16));
  }

  /** Pairs written so far. */
  public long pairs() {
    return pairs;
  }

  /**
   * Appends one pair.
   *
   * @param source [sourceTokens] ids, each >= 0
   * @param target [targetTokens] ids, each >= 0
   */
  public void write(int[] source, int[] target) throws IOException {
    if (pairs % EncodedCorpusFile.CHUNK == 0) {
      int chunk = (int) (pairs / EncodedCorpusFile.CHUNK);
      if (chunk == chunkOffsets.length) {
        chunkOffsets = Arrays.copyOf(chunkOffsets, chunk * 2);
      }
      out.flush();
      chunkOffsets[chunk] = counter.count;
    }
    writeVarint(source.length);
    writeVarint(target.length);
    for (int id : source) {
      writeVarint(id);
    }
    for (int id : target) {
      writeVarint(id);
    }
    pairs++;
  }

  /**
   * Writes the index, the metadata and the footer, and moves the file to its name.
   *
   * @param metadata free text stored with the pairs (e.g. what produced them)
   */
  public void commit(String metadata) throws IOException {
    out.flush();
    long indexOffset = counter.count;
    int chunks = (int) ((pairs + EncodedCorpusFile.CHUNK - 1) / EncodedCorpusFile.CHUNK);
    for (int i = 0; i < chunks; i++) {
      out.writeLong(chunkOffsets[i]);
    }
    out.flush();
    long metaOffset = counter.count;
    out.write(metadata.getBytes(StandardCharsets.UTF_8));
    out.writeLong(metaOffset);
    out.writeLong(indexOffset);
    out.writeLong(pairs);
    out.writeInt(EncodedCorpusFile.CHUNK);
    out.writeInt(EncodedCorpusFile.VERSION);
    out.write(EncodedCorpusFile.MAGIC);
    out.close();
    closed = true;
    AtomicFiles.commit(temp, file);
    committed = true;
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException e) {
        // deleted below
      }
    }
    if (!committed) {
      AtomicFiles.discard(temp);
    }
  }

  private void writeVarint(int v) throws IOException {
    if (v < 0) {
      throw new IllegalArgumentException("negative id " + v);
    }
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static final class CountingOutput extends java.io.FilterOutputStream {
    long count;

    CountingOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
