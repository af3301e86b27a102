package org.nmt4j.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.nmt4j.server.ToyTranslator;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/** Which requests share a batch, what each gets back, the bounded queue, and the drain on shutdown. */
class DynamicBatcherTest {
  /** Records every batch. */
  static final class Batches implements BatchListener {
    final List<int[]> decoded = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void queueLength(int sentences) {}

    @Override
    public void batchDecoded(int sentences, int requests, long nanos) {
      decoded.add(new int[] {sentences, requests});
    }
  }

  private final Translator translator = ToyTranslator.get();

  @Test
  void greedyRequestsQueuedTogetherShareBatchesUpToTheSizeAndGetTheirOwnAnswersInOrder() throws Exception {
    Batches batches = new Batches();
    List<String> texts = ToyTranslator.sentences(10, 3);
    List<CompletableFuture<List<List<Translation>>>> futures = new ArrayList<>();
    DynamicBatcher batcher = new DynamicBatcher(4, 60_000, 100, 1, batches);
    try {
      // requests of 1, 2, 1, 3, 2, 1 sentences; the long delay keeps them queued until size 4 is reached
      int[] sizes = {1, 2, 1, 3, 2, 1};
      int from = 0;
      for (int n : sizes) {
        futures.add(batcher.submit(translator, texts.subList(from, from + n), DecodingOptions.greedy()));
        from += n;
      }
      batcher.shutdown(60_000); // closing flushes the last, partial batch
      from = 0;
      for (int r = 0; r < sizes.length; r++) {
        List<String> mine = texts.subList(from, from + sizes[r]);
        List<List<Translation>> got = futures.get(r).get();
        List<Translation> want = translator.translate(mine);
        assertEquals(mine.size(), got.size());
        for (int i = 0; i < mine.size(); i++) {
          assertEquals(want.get(i).text(), got.get(i).get(0).text(), mine.get(i));
          assertEquals(want.get(i).logProbability(), got.get(i).get(0).logProbability(), 1e-4);
        }
        from += sizes[r];
      }
    } finally {
      batcher.shutdown(0);
    }
    // FIFO: [1+2+1], then 3 (+2 would exceed 4), then [2+1]
    assertEquals(List.of("4/3", "3/1", "3/2"),
        batches.decoded.stream().map(b -> b[0] + "/" + b[1]).toList());
  }

  @Test
  void sampledRequestsAreDecodedAloneAndKeepTheirSeed() throws Exception {
    Batches batches = new Batches();
    DecodingOptions sampling = DecodingOptions.sampling(1.0, 0, 1.0, 9).withSamples(2);
    DynamicBatcher batcher = new DynamicBatcher(64, 60_000, 100, 1, batches);
    CompletableFuture<List<List<Translation>>> a;
    CompletableFuture<List<List<Translation>>> b;
    try {
      a = batcher.submit(translator, List.of("a b c d"), sampling);
      b = batcher.submit(translator, List.of("e f g h"), sampling);
    } finally {
      batcher.shutdown(60_000);
    }
    assertEquals(2, batches.decoded.size(), "sampled requests never share a batch");
    assertEquals(translator.translateSamples(List.of("e f g h"), sampling).get(0).stream()
        .map(Translation::text).toList(), b.get().get(0).stream().map(Translation::text).toList());
    assertEquals(2, a.get().get(0).size());
  }

  @Test
  void aFullQueueRefusesAtOnceAndAClosedOneRefusesEverything() {
    DynamicBatcher batcher = new DynamicBatcher(64, 60_000, 3, 1, BatchListener.NONE);
    try {
      batcher.submit(translator, List.of("a", "b"), DecodingOptions.greedy());
      QueueFullException full = assertThrows(QueueFullException.class,
          () -> batcher.submit(translator, List.of("c", "d"), DecodingOptions.greedy()));
      assertTrue(full.getMessage().contains("2 of 3 sentences"), full.getMessage());
      assertTrue(!full.shuttingDown());
      assertEquals(2, batcher.queuedSentences());
    } finally {
      assertTrue(batcher.shutdown(60_000), "the queued request was decoded");
    }
    QueueFullException closed = assertThrows(QueueFullException.class,
        () -> batcher.submit(translator, List.of("a"), DecodingOptions.greedy()));
    assertTrue(closed.shuttingDown());
  }
}
