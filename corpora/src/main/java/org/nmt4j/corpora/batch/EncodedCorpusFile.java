package org.nmt4j.corpora.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.nmt4j.corpora.CorpusException;

/**
 * A training corpus encoded once as token ids on disk ({@link EncodedCorpusWriter} writes it),
 * read back at every epoch a chunk of {@value #CHUNK} pairs at a time, so that memory does not
 * grow with the corpus: only the chunk index (8 bytes per {@value #CHUNK} pairs) is held.
 *
 * <p>Shuffling ({@link #open} with {@code shuffle}): the chunks are read in a random order drawn
 * from the seed; the batcher's pools (thousands of pairs, so dozens of random chunks each) then
 * shuffle the pairs within a pool. The index of a pair is its position in the file. Reads use
 * positional channel reads into a small buffer, not a memory map, so the file's pages stay in
 * the page cache and out of the process's resident memory. Thread-safe: every pass opens its own
 * channel.
 */
public final class EncodedCorpusFile implements PairSource {

  /** Pairs per chunk: the unit of reading and of shuffling. */
  public static final int CHUNK = 64;
  static final int VERSION = 1;
  static final byte[] MAGIC = "NMT4JIDS".getBytes(StandardCharsets.US_ASCII);
  private static final int FOOTER = 40;

  private final Path file;
  private final long pairs;
  private final long[] offsets;
  private final String metadata;

  private EncodedCorpusFile(Path file, long pairs, long[] offsets, String metadata) {
    this.file = file;
    this.pairs = pairs;
    this.offsets = offsets;
    this.metadata = metadata;
  }

  /**
   * Opens a file and reads its index.
   *
   * @throws CorpusException naming the file when it is not a complete encoded corpus
   */
  public static EncodedCorpusFile open(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < FOOTER) {
        throw new CorpusException(file + ": not an encoded corpus (too short)");
      }
      ByteBuffer footer = read(ch, size - FOOTER, FOOTER);
      long metaOffset = footer.getLong();
      long indexOffset = footer.getLong();
      long pairs = footer.getLong();
      int chunk = footer.getInt();
      int version = footer.getInt();
      byte[] magic = new byte[8];
      footer.get(magic);
      long chunks = (pairs + CHUNK - 1) / CHUNK;
      if (!Arrays.equals(magic, MAGIC) || version != VERSION || chunk != CHUNK
          || indexOffset + 8 * chunks != metaOffset || metaOffset > size - FOOTER
          || indexOffset < 0) {
        throw new CorpusException(file + ": not an encoded corpus of this version (damaged, or "
            + "written by another nmt4j); delete it to encode the corpus again");
      }
      ByteBuffer index = read(ch, indexOffset, (int) (8 * chunks));
      long[] offsets = new long[(int) chunks + 1];
      for (int i = 0; i < chunks; i++) {
        offsets[i] = index.getLong();
      }
      offsets[(int) chunks] = indexOffset;
      ByteBuffer meta = read(ch, metaOffset, (int) (size - FOOTER - metaOffset));
      return new EncodedCorpusFile(file, pairs, offsets,
          StandardCharsets.UTF_8.decode(meta).toString());
    } catch (IOException e) {
      throw new CorpusException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The number of pairs. */
  public long pairs() {
    return pairs;
  }

  /** The metadata given to {@link EncodedCorpusWriter#commit(String)}. */
  public String metadata() {
    return metadata;
  }

  /** All pairs in file order, in memory (for tests and small files). */
  public List<EncodedPair> readAll() {
    List<EncodedPair> out = new ArrayList<>();
    try (Stream<EncodedPair> s = open(false, 0)) {
      s.forEach(out::add);
    }
    return out;
  }

  @Override
  public Stream<EncodedPair> open(boolean shuffle, long shuffleSeed) {
    int chunks = offsets.length - 1;
    int[] order = new int[chunks];
    for (int i = 0; i < chunks; i++) {
      order[i] = i;
    }
    if (shuffle) {
      Random random = new Random(shuffleSeed);
      for (int i = chunks - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new CorpusException(file + ": cannot read: " + e.getMessage(), e);
    }
    Iterator<EncodedPair> it = new Iterator<>() {
      private int nextChunk;
      private EncodedPair[] current = new EncodedPair[0];
      private int pos;

      @Override
      public boolean hasNext() {
        while (pos == current.length) {
          if (nextChunk == chunks) {
            return false;
          }
          current = readChunk(ch, order[nextChunk++]);
          pos = 0;
        }
        return true;
      }

      @Override
      public EncodedPair next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current[pos++];
      }
    };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(() -> {
          try {
            ch.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private EncodedPair[] readChunk(FileChannel ch, int chunk) {
    long start = offsets[chunk];
    int length = (int) (offsets[chunk + 1] - start);
    int n = (int) Math.min(CHUNK, pairs - (long) chunk * CHUNK);
    try {
      ByteBuffer b = read(ch, start, length);
      EncodedPair[] out = new EncodedPair[n];
      for (int i = 0; i < n; i++) {
        int[] s = new int[varint(b)];
        int[] t = new int[varint(b)];
        for (int k = 0; k < s.length; k++) {
          s[k] = varint(b);
        }
        for (int k = 0; k < t.length; k++) {
          t[k] = varint(b);
        }
        out[i] = new EncodedPair(s, t, (long) chunk * CHUNK + i);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new CorpusException(file + ": damaged at chunk " + chunk + " (" + e.getMessage()
          + "); delete it to encode the corpus again", e);
    }
  }

  private static int varint(ByteBuffer b) {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int x = b.get();
      v |= (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalStateException("bad varint");
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return b.flip();
  }
}
