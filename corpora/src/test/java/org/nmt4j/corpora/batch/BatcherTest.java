package org.nmt4j.corpora.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatcherTest {

  /** Pairs with distinct contents: source tokens start with 100+index so rows can be traced. */
  static List<EncodedPair> pairs(int n, int maxLen, long seed) {
    Random r = new Random(seed);
    List<EncodedPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int sl = r.nextInt(maxLen + 1);
      int tl = 1 + r.nextInt(maxLen);
      int[] s = new int[sl];
      int[] t = new int[tl];
      for (int k = 0; k < sl; k++) {
        s[k] = 4 + r.nextInt(50);
      }
      for (int k = 0; k < tl; k++) {
        t[k] = 4 + r.nextInt(50);
      }
      out.add(new EncodedPair(s, t, i));
    }
    return out;
  }

  static List<Batch> all(Batcher b, PairSource src, int epoch) {
    List<Batch> out = new ArrayList<>();
    try (BatchIterator it = b.epoch(src, epoch)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  static List<Long> order(List<Batch> batches) {
    List<Long> ids = new ArrayList<>();
    for (Batch b : batches) {
      for (long i : b.indices()) {
        ids.add(i);
      }
    }
    return ids;
  }

  /** Every pair exactly once, and each row holds exactly that pair's tokens in place. */
  static void assertEpochCoversEachPairOnce(List<EncodedPair> data, List<Batch> batches) {
    Map<Long, EncodedPair> byIndex = new HashMap<>();
    data.forEach(p -> byIndex.put(p.index(), p));
    int[] seen = new int[data.size()];
    for (Batch b : batches) {
      for (int row = 0; row < b.size(); row++) {
        EncodedPair p = byIndex.get(b.indices()[row]);
        seen[(int) p.index()]++;
        assertRow(b, row, p);
      }
    }
    for (int i = 0; i < seen.length; i++) {
      assertEquals(1, seen[i], "pair " + i + " must appear exactly once");
    }
  }

  /** Special tokens and padding exactly as Batch documents. */
  static void assertRow(Batch b, int row, EncodedPair p) {
    int sl = p.source().length;
    int tl = p.target().length;
    assertEquals(sl + 1, b.sourceLengths()[row]);
    assertArrayEquals(p.source(), Arrays.copyOf(b.source()[row], sl));
    assertEquals(3, b.source()[row][sl], "</s> ends the source");
    for (int t = sl + 1; t < b.sourceLength(); t++) {
      assertEquals(0, b.source()[row][t], "source padding");
    }
    assertEquals(tl + 1, b.targetLengths()[row]);
    assertEquals(2, b.targetInput()[row][0], "<s> starts the decoder input");
    assertArrayEquals(p.target(), Arrays.copyOfRange(b.targetInput()[row], 1, tl + 1));
    assertArrayEquals(p.target(), Arrays.copyOf(b.targetOutput()[row], tl));
    assertEquals(3, b.targetOutput()[row][tl], "</s> ends the decoder output");
    for (int t = tl + 1; t < b.targetLength(); t++) {
      assertEquals(0, b.targetInput()[row][t], "target input padding");
      assertEquals(0, b.targetOutput()[row][t], "target output padding");
    }
  }

  @Test
  void sentenceBatchesCoverEveryPairOncePerEpoch() {
    List<EncodedPair> data = pairs(1037, 20, 1);
    Batcher b = new Batcher(BatchConfig.sentences(16, 42).withPoolFactor(10));
    for (int epoch = 0; epoch < 3; epoch++) {
      List<Batch> batches = all(b, PairSource.of(data), epoch);
      assertEpochCoversEachPairOnce(data, batches);
      for (Batch x : batches) {
        assertTrue(x.size() <= 16);
        // the padded width is the longest row's
        assertEquals(Arrays.stream(x.sourceLengths()).max().orElseThrow(), x.sourceLength());
        assertEquals(Arrays.stream(x.targetLengths()).max().orElseThrow(), x.targetLength());
      }
      assertEquals(batches.size(), b.countBatches(PairSource.of(data), epoch));
    }
  }

  @Test
  void lengthBucketingKeepsPaddingLow() {
    List<EncodedPair> data = pairs(2000, 40, 2);
    List<Batch> batches = all(new Batcher(BatchConfig.sentences(32, 1)), PairSource.of(data), 0);
    long padded = 0;
    long real = 0;
    for (Batch x : batches) {
      padded += (long) x.size() * x.sourceLength();
      real += Arrays.stream(x.sourceLengths()).sum();
    }
    // sorting by source length inside pools leaves almost no source padding
    assertTrue(padded < real * 1.05, padded + " padded for " + real + " real");
  }

  @Test
  void tokenBudgetIsRespected() {
    List<EncodedPair> data = new ArrayList<>(pairs(1500, 30, 3));
    data.add(new EncodedPair(new int[300], new int[5], 1500)); // wider than the budget
    int budget = 200;
    List<Batch> batches =
        all(new Batcher(BatchConfig.tokens(budget, 9).withPoolFactor(20)), PairSource.of(data), 0);
    assertEpochCoversEachPairOnce(data, batches);
    int alone = 0;
    for (Batch x : batches) {
      long cost = (long) x.size() * Math.max(x.sourceLength(), x.targetLength());
      if (cost > budget) {
        assertEquals(1, x.size(), "only a single over-wide pair may exceed the budget");
        alone++;
      }
    }
    assertEquals(1, alone);
    // and the budget is used well: batches are not needlessly small
    double meanCost = batches.stream()
        .mapToLong(x -> (long) x.size() * Math.max(x.sourceLength(), x.targetLength()))
        .average().orElseThrow();
    assertTrue(meanCost > budget * 0.7, "mean batch cost " + meanCost);
  }

  @Test
  void orderIsAFunctionOfSeedAndEpoch() {
    List<EncodedPair> data = pairs(500, 15, 4);
    Batcher a = new Batcher(BatchConfig.sentences(8, 5).withPoolFactor(4));
    Batcher same = new Batcher(BatchConfig.sentences(8, 5).withPoolFactor(4));
    Batcher other = new Batcher(BatchConfig.sentences(8, 6).withPoolFactor(4));
    List<Long> e0 = order(all(a, PairSource.of(data), 0));
    assertEquals(e0, order(all(same, PairSource.of(data), 0)));
    assertEquals(e0, order(all(a, PairSource.of(data), 0)));
    assertNotEquals(e0, order(all(a, PairSource.of(data), 1)));
    assertNotEquals(e0, order(all(other, PairSource.of(data), 0)));
  }

  @Test
  void resumingMidEpochContinuesWithTheSameBatches() {
    List<EncodedPair> data = pairs(700, 12, 5);
    Batcher b = new Batcher(BatchConfig.tokens(120, 11).withPoolFactor(5));
    List<Batch> full = all(b, PairSource.of(data), 2);
    for (int k : new int[] {0, 1, 17, full.size() - 1, full.size()}) {
      List<Batch> rest = new ArrayList<>();
      BatchPosition saved;
      try (BatchIterator first = b.epoch(PairSource.of(data), 2)) {
        for (int i = 0; i < k; i++) {
          first.next();
        }
        saved = first.position();
      }
      assertEquals(new BatchPosition(2, k), saved);
      try (BatchIterator resumed = b.resume(PairSource.of(data), saved)) {
        resumed.forEachRemaining(rest::add);
        assertEquals(new BatchPosition(2, full.size()), resumed.position());
      }
      assertEquals(full.size() - k, rest.size());
      for (int i = 0; i < rest.size(); i++) {
        Batch x = full.get(k + i);
        Batch y = rest.get(i);
        assertArrayEquals(x.indices(), y.indices());
        assertTrue(Arrays.deepEquals(x.source(), y.source()));
        assertTrue(Arrays.deepEquals(x.targetOutput(), y.targetOutput()));
      }
    }
  }

  @Test
  void streamingSourceIsReadOnePoolAtATime() {
    List<EncodedPair> data = pairs(5000, 10, 6);
    AtomicInteger pulled = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    PairSource counting = (shuffle, seed) ->
        data.stream().peek(p -> pulled.incrementAndGet()).onClose(closed::incrementAndGet);
    Batcher b = new Batcher(BatchConfig.sentences(10, 3).withPoolFactor(7));
    try (BatchIterator it = b.epoch(counting, 0)) {
      it.next();
      // one pool of 7 batches x 10 sentences (plus at most the stream's look-ahead of one)
      assertTrue(pulled.get() <= 71, "pairs read before the first batch: " + pulled.get());
    }
    assertEquals(1, closed.get(), "closing the iterator closes the source");
    List<Batch> batches = new ArrayList<>();
    try (BatchIterator it = b.epoch(counting, 0)) {
      it.forEachRemaining(batches::add);
    }
    assertEpochCoversEachPairOnce(data, batches);
  }

  @Test
  void withoutShuffleBatchesFollowLengthOrderInsideEachPool() {
    List<EncodedPair> data = pairs(300, 25, 7);
    Batcher b = new Batcher(BatchConfig.sentences(10, 0).withShuffle(false).withPoolFactor(1000));
    List<Batch> batches = all(b, PairSource.of(data), 0);
    assertEquals(order(batches), order(all(b, PairSource.of(data), 5)), "epoch does not matter");
    int last = -1;
    for (Batch x : batches) {
      for (int l : x.sourceLengths()) {
        assertTrue(l >= last);
        last = l;
      }
    }
  }

  @Test
  void emptySourceGetsJustTheEndToken() {
    EncodedPair p = new EncodedPair(new int[0], new int[] {7}, 0);
    List<Batch> batches = all(new Batcher(BatchConfig.sentences(4, 0)), PairSource.of(List.of(p)), 0);
    assertEquals(1, batches.size());
    assertArrayEquals(new int[] {3}, batches.get(0).source()[0]);
    assertArrayEquals(new int[] {2, 7}, batches.get(0).targetInput()[0]);
    assertArrayEquals(new int[] {7, 3}, batches.get(0).targetOutput()[0]);
    assertEquals(2, batches.get(0).targetTokens());
    assertFalse(all(new Batcher(BatchConfig.sentences(4, 0)), PairSource.of(List.of()), 0)
        .iterator().hasNext());
  }

  @Test
  void configIsValidated() {
    assertEquals("--batch-size must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> BatchConfig.sentences(0, 1))
            .getMessage());
    assertEquals("--batch-type must be one of sentences, tokens, got 'words'",
        assertThrows(IllegalArgumentException.class, () -> BatchUnit.fromName("words"))
            .getMessage());
    assertEquals(BatchUnit.TOKENS, BatchUnit.fromName("Tokens"));
  }
}
