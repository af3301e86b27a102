package org.nmt4j.corpora.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeightedPairSourceTest {

  /** Corpus A's pairs have source id 10, corpus B's source id 20, so a batch tells them apart. */
  private static List<EncodedPair> corpus(int id, int n) {
    List<EncodedPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new EncodedPair(new int[] {id, 4 + i % 5}, new int[] {id, 5}, i));
    }
    return out;
  }

  @Test
  void weightsThreeToOneGiveBatchesInThatProportion() {
    List<EncodedPair> a = corpus(10, 1200);
    List<EncodedPair> b = corpus(20, 5000);
    WeightedPairSource mixed = new WeightedPairSource(List.of(PairSource.of(a), PairSource.of(b)),
        new long[] {1200, 5000}, new double[] {3, 1});
    assertEquals(1600, mixed.pairsPerEpoch());
    Batcher batcher = new Batcher(BatchConfig.sentences(32, 5).withPoolFactor(4));
    for (int epoch = 0; epoch < 2; epoch++) {
      long fromA = 0;
      long fromB = 0;
      Set<Long> seenA = new HashSet<>();
      Set<Long> seenB = new HashSet<>();
      List<Long> poolRatios = new ArrayList<>();
      long poolA = 0;
      long poolB = 0;
      int batches = 0;
      try (BatchIterator it = batcher.epoch(mixed, epoch)) {
        while (it.hasNext()) {
          Batch batch = it.next();
          batches++;
          for (int r = 0; r < batch.indices().length; r++) {
            boolean isA = batch.source()[r][0] == 10;
            if (isA) {
              fromA++;
              poolA++;
              assertTrue(seenA.add(batch.indices()[r]), "an A pair twice in one epoch");
            } else {
              fromB++;
              poolB++;
              assertTrue(batch.indices()[r] >= 1200, "B's indices come after A's");
              assertTrue(seenB.add(batch.indices()[r]));
            }
          }
          if (batches % 4 == 0) { // one pool = 4 batches of 32
            poolRatios.add(poolA * 1000 / poolB);
            poolA = 0;
            poolB = 0;
          }
        }
      }
      // an epoch is one pass over A, with one B pair for every three A pairs
      assertEquals(1200, fromA);
      assertEquals(400, fromB);
      for (long ratio : poolRatios) {
        assertEquals(3000, ratio, 100, "pool A:B ratio x1000 " + poolRatios);
      }
    }
  }

  @Test
  void aSmallCorpusCyclesAndTheMixIsReproducible() {
    WeightedPairSource mixed = new WeightedPairSource(
        List.of(PairSource.of(corpus(10, 100)), PairSource.of(corpus(20, 30))),
        new long[] {100, 30}, new double[] {1, 1});
    assertEquals(199, mixed.pairsPerEpoch()); // A B A B ... A: the epoch ends with A's last pair
    Batcher batcher = new Batcher(BatchConfig.sentences(8, 9));
    List<long[]> first = new ArrayList<>();
    try (BatchIterator it = batcher.epoch(mixed, 3)) {
      it.forEachRemaining(x -> first.add(x.indices()));
    }
    long b = first.stream().flatMapToLong(java.util.Arrays::stream).filter(i -> i >= 100).count();
    assertEquals(99, b, "B's 30 pairs cycle to fill 99 slots");
    try (BatchIterator it = batcher.epoch(mixed, 3)) {
      for (long[] expected : first) {
        assertArrayEquals(expected, it.next().indices());
      }
    }
  }
}
