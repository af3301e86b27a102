package org.nmt4j.corpora.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusException;

class EncodedCorpusFileTest {

  @TempDir Path dir;

  static List<EncodedPair> randomPairs(int n, long seed, int maxId) {
    Random r = new Random(seed);
    List<EncodedPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = r.ints(r.nextInt(12), 0, maxId).toArray();
      int[] t = r.ints(1 + r.nextInt(12), 0, maxId).toArray();
      out.add(new EncodedPair(s, t, i));
    }
    return out;
  }

  static EncodedCorpusFile write(Path file, List<EncodedPair> pairs) throws Exception {
    try (EncodedCorpusWriter w = new EncodedCorpusWriter(file)) {
      for (EncodedPair p : pairs) {
        w.write(p.source(), p.target());
      }
      w.commit("meta: ü");
    }
    return EncodedCorpusFile.open(file);
  }

  @Test
  void roundTripsIdsOfEverySizeInFileOrder() throws Exception {
    // 200 pairs: three full chunks and a partial one; ids up to 2^21 need three varint bytes
    List<EncodedPair> pairs = randomPairs(200, 1, 1 << 21);
    pairs.set(5, new EncodedPair(new int[0], new int[] {Integer.MAX_VALUE}, 5));
    EncodedCorpusFile f = write(dir.resolve("train.ids"), pairs);
    assertEquals(200, f.pairs());
    assertEquals("meta: ü", f.metadata());
    List<EncodedPair> back = f.readAll();
    assertEquals(200, back.size());
    for (int i = 0; i < 200; i++) {
      assertArrayEquals(pairs.get(i).source(), back.get(i).source(), "pair " + i);
      assertArrayEquals(pairs.get(i).target(), back.get(i).target(), "pair " + i);
      assertEquals(i, back.get(i).index());
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left");
    }
  }

  @Test
  void shuffledPassIsAPermutationOfChunksFixedByTheSeed() throws Exception {
    EncodedCorpusFile f = write(dir.resolve("train.ids"), randomPairs(1000, 2, 50));
    long[] a = indices(f, 7);
    assertArrayEquals(a, indices(f, 7));
    assertFalse(Arrays.equals(a, indices(f, 8)));
    long[] sorted = a.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    // chunks stay whole: a shuffled pass reads runs of 64 consecutive pairs
    assertEquals(0, a[0] % EncodedCorpusFile.CHUNK);
    assertEquals(a[0] + 1, a[1]);
    assertNotEquals(0, a[0] + a[64]);
  }

  private static long[] indices(EncodedCorpusFile f, long seed) {
    try (Stream<EncodedPair> s = f.open(true, seed)) {
      return s.mapToLong(EncodedPair::index).toArray();
    }
  }

  @Test
  void resumedEpochFromTheFileIsIdentical() throws Exception {
    EncodedCorpusFile f = write(dir.resolve("train.ids"), randomPairs(3000, 3, 100));
    Batcher batcher = new Batcher(BatchConfig.tokens(200, 11).withPoolFactor(5));
    List<Batch> full = new ArrayList<>();
    BatchPosition cut = null;
    try (BatchIterator it = batcher.epoch(f, 1)) {
      while (it.hasNext()) {
        full.add(it.next());
        if (full.size() == 17) {
          cut = it.position();
        }
      }
    }
    try (BatchIterator it = batcher.resume(f, cut)) {
      for (int i = 17; i < full.size(); i++) {
        Batch b = it.next();
        assertArrayEquals(full.get(i).indices(), b.indices());
        assertTrue(Arrays.deepEquals(full.get(i).source(), b.source()));
      }
      assertFalse(it.hasNext());
    }
    assertEquals(3000, full.stream().mapToInt(b -> b.indices().length).sum());
  }

  @Test
  void aTruncatedFileIsNamed() throws Exception {
    Path file = dir.resolve("train.ids");
    write(file, randomPairs(100, 4, 50));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    CorpusException e = assertThrows(CorpusException.class, () -> EncodedCorpusFile.open(file));
    assertTrue(e.getMessage().startsWith(file + ": not an encoded corpus"), e.getMessage());
  }
}
