package org.nmt4j.translator.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.tokenization.Vocabulary;

class LengthSortedBatchesTest {
  private static List<int[]> sources(int n, long seed) {
    Random random = new Random(seed);
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = new int[1 + random.nextInt(30)];
      for (int t = 0; t < s.length; t++) {
        s[t] = 4 + random.nextInt(100);
      }
      out.add(s);
    }
    return out;
  }

  @Test
  void batchesAreWidestFirstWithinBothLimitsAndCoverEverySentenceOnce() {
    List<int[]> sources = sources(500, 3);
    for (int[] limits : new int[][] {{64, 0, 1}, {64, 300, 1}, {10, 100, 1}, {64, 120, 3}}) {
      List<SourceBatch> batches = LengthSortedBatches.of(sources, limits[0], limits[1], limits[2]);
      boolean[] seen = new boolean[sources.size()];
      int previousWidth = Integer.MAX_VALUE;
      for (SourceBatch b : batches) {
        assertTrue(b.size() <= limits[0], "rows " + b.size());
        assertTrue(b.sourceLength() <= previousWidth, "widest first");
        previousWidth = b.sourceLength();
        if (limits[1] > 0 && b.size() > 1) {
          assertTrue((long) b.size() * limits[2] * b.sourceLength() <= limits[1],
              b.size() + " x " + b.sourceLength() + " over " + limits[1] + " tokens");
        }
        for (int r = 0; r < b.size(); r++) {
          int i = (int) b.indices()[r];
          assertTrue(!seen[i], "sentence " + i + " twice");
          seen[i] = true;
          int[] s = sources.get(i);
          assertEquals(s.length + 1, b.sourceLengths()[r]);
          int[] row = b.source()[r];
          assertArrayEquals(s, Arrays.copyOf(row, s.length));
          assertEquals(Vocabulary.EOS, row[s.length]);
          for (int t = s.length + 1; t < row.length; t++) {
            assertEquals(Vocabulary.PAD, row[t]);
          }
        }
      }
      for (int i = 0; i < seen.length; i++) {
        assertTrue(seen[i], "sentence " + i + " missing");
      }
    }
  }

  @Test
  void aTokenLimitFillsBatchesAsFarAsItAllows() {
    // ten sentences of 9 tokens (10 with </s>): 35 tokens hold 3 of them
    List<int[]> sources = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sources.add(new int[9]);
    }
    List<SourceBatch> batches = LengthSortedBatches.of(sources, 64, 35, 1);
    assertEquals(List.of(3, 3, 3, 1), batches.stream().map(SourceBatch::size).toList());
    // equal lengths keep their input order
    assertArrayEquals(new long[] {0, 1, 2}, batches.get(0).indices());
  }

  @Test
  void aSentenceWiderThanTheTokenLimitIsABatchOfItsOwn() {
    List<int[]> sources = List.of(new int[50], new int[3], new int[3]);
    List<SourceBatch> batches = LengthSortedBatches.of(sources, 64, 10, 1);
    assertEquals(List.of(1, 2), batches.stream().map(SourceBatch::size).toList());
    assertEquals(0, batches.get(0).indices()[0]);
  }

  @Test
  void badLimitsNameTheirFlag() {
    List<int[]> one = List.<int[]>of(new int[2]);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> LengthSortedBatches.of(one, 0, 0, 1)).getMessage().contains("--batch-size"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> LengthSortedBatches.of(one, 4, -1, 1)).getMessage().contains("--batch-tokens"));
  }
}
