package org.nmt4j.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Batches decoded side by side and batches cut by tokens give exactly the outputs of the plain
 * path: one batch after the other, cut by sentences only.
 */
class ParallelBatchesTest {
  private static final Translator TRANSLATOR = Translator.of(TinySeq2Seq.model(11, DataType.FLOAT));
  private static final List<String> INPUT = TinySeq2Seq.sentences(200, 29, 12);

  @Test
  void batchesSideBySideGiveBitIdenticalGreedyOutputs() {
    DecodingOptions options = DecodingOptions.greedy().withBatchSize(16).withMaxLength(10, 2, 4);
    List<Translation> reference =
        TRANSLATOR.withBatching(new BatchingOptions(0, 1)).translate(INPUT, options);
    assertTrue(reference.stream().map(Translation::text).distinct().count() > 100,
        "outputs must differ from sentence to sentence for the check to prove much");
    // the same batches, decoded 2, 3 and 8 at a time: every bit the same
    for (BatchingOptions batching : List.of(new BatchingOptions(0, 2), new BatchingOptions(0, 3),
        new BatchingOptions(0, 8))) {
      List<Translation> got = TRANSLATOR.withBatching(batching).translate(INPUT, options);
      for (int i = 0; i < INPUT.size(); i++) {
        String where = batching + ", sentence " + i;
        assertEquals(reference.get(i).tokens(), got.get(i).tokens(), where);
        assertEquals(reference.get(i).logProbability(), got.get(i).logProbability(), 0.0, where);
        assertEquals(reference.get(i).complete(), got.get(i).complete(), where);
      }
    }
  }

  @Test
  void batchesCutByTokensGiveTheSameGreedyOutputs() {
    DecodingOptions options = DecodingOptions.greedy().withBatchSize(16).withMaxLength(10, 2, 4);
    List<Translation> reference =
        TRANSLATOR.withBatching(new BatchingOptions(0, 1)).translate(INPUT, options);
    int[][] variants = {{40, 2, 64}, {25, 4, 64}, {13, 1, 64}, {1, 2, 64}, {100, 2, 7}};
    for (int[] v : variants) {
      BatchingOptions batching = new BatchingOptions(v[0], v[1]);
      List<Translation> got = TRANSLATOR.withBatching(batching)
          .translate(INPUT, options.withBatchSize(v[2]));
      for (int i = 0; i < INPUT.size(); i++) {
        String where = batching + " batch " + v[2] + ", sentence " + i;
        assertEquals(reference.get(i).tokens(), got.get(i).tokens(), where);
        // other batch shapes may round the products' float sums differently (as another
        // --batch-size does): the same tokens, log-probabilities equal to float precision
        assertEquals(reference.get(i).logProbability(), got.get(i).logProbability(),
            1e-6 * Math.abs(reference.get(i).logProbability()), where);
      }
    }
  }

  @Test
  void sampledOutputsDoNotDependOnTheParallelismEither() {
    DecodingOptions options = DecodingOptions.sampling(1.0, 0, 1.0, 5).withSamples(3)
        .withBatchSize(24).withMaxLength(8, 2, 4);
    List<List<Translation>> reference = TRANSLATOR.withBatching(new BatchingOptions(0, 1))
        .translateSamples(INPUT.subList(0, 120), options);
    List<List<Translation>> got = TRANSLATOR.withBatching(new BatchingOptions(30, 3))
        .translateSamples(INPUT.subList(0, 120), options);
    for (int i = 0; i < reference.size(); i++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(reference.get(i).get(k).tokens(), got.get(i).get(k).tokens(),
            "sentence " + i + " sample " + k);
      }
    }
  }

  @Test
  void progressCountsEverySentenceOnceAndIsNeverCalledConcurrently() {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    TRANSLATOR.withBatching(new BatchingOptions(0, 3)).translateSamples(INPUT,
        DecodingOptions.greedy().withBatchSize(10).withMaxLength(4, 1, 1), n -> {
          assertEquals(1, inside.incrementAndGet(), "progress called concurrently");
          total.addAndGet(n);
          calls.incrementAndGet();
          Thread.onSpinWait();
          inside.decrementAndGet();
        });
    assertEquals(INPUT.size(), total.get());
    assertEquals(20, calls.get());
  }

  @Test
  void badBatchingOptionsNameTheirFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchingOptions(-1, 0))
        .getMessage().contains("--batch-tokens"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchingOptions(0, -2))
        .getMessage().contains("--parallel-batches"));
  }
}
