package org.nmt4j.corpora.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SourceBatcherTest {

  private static List<int[]> sentences(int n, long seed) {
    Random r = new Random(seed);
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = new int[r.nextInt(30)];
      Arrays.fill(s, 4 + i % 1000);
      out.add(s);
    }
    return out;
  }

  @Test
  void indicesPutTranslationsBackInInputOrder() {
    List<int[]> input = sentences(503, 1);
    List<SourceBatch> batches = new SourceBatcher(16, BatchUnit.SENTENCES, 4).batches(input);
    int[][] restored = new int[input.size()][];
    for (SourceBatch b : batches) {
      assertTrue(b.size() <= 16);
      for (int row = 0; row < b.size(); row++) {
        int i = (int) b.indices()[row];
        int len = b.sourceLengths()[row] - 1;
        assertEquals(3, b.source()[row][len]);
        assertEquals(null, restored[i], "each input once");
        restored[i] = Arrays.copyOf(b.source()[row], len);
      }
    }
    for (int i = 0; i < input.size(); i++) {
      assertArrayEquals(input.get(i), restored[i]);
    }
  }

  @Test
  void poolsFollowInputOrderSoOutputCanBeFlushedPerPool() {
    List<int[]> input = sentences(1000, 2);
    Iterator<SourceBatch> it = new SourceBatcher(10, BatchUnit.SENTENCES, 5).batches(input.iterator());
    long poolStart = 0;
    List<Long> pool = new ArrayList<>();
    while (it.hasNext()) {
      for (long i : it.next().indices()) {
        pool.add(i);
      }
      if (pool.size() == 50) {
        assertEquals(poolStart, pool.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertEquals(poolStart + 49, pool.stream().mapToLong(Long::longValue).max().orElseThrow());
        poolStart += 50;
        pool.clear();
      }
    }
    assertEquals(1000, poolStart);
  }

  @Test
  void tokenBudgetAndDeterminism() {
    List<int[]> input = sentences(400, 3);
    SourceBatcher sb = new SourceBatcher(64, BatchUnit.TOKENS, 10);
    List<SourceBatch> a = sb.batches(input);
    List<SourceBatch> b = sb.batches(input);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).indices(), b.get(i).indices());
      assertTrue((long) a.get(i).size() * a.get(i).sourceLength() <= 64);
    }
  }
}
