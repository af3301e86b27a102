package org.nmt4j.tokenization.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.Tokenizers;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.bpe.BpeCodec;
import org.nmt4j.tokenization.bpe.BpeLearner;

class OrderedParallelMapTest {

  private static <O> List<O> run(List<String> in, Function<String, O> f, int threads, int chunk) {
    List<O> out = new ArrayList<>();
    try (OrderedParallelMap<String, O> m = new OrderedParallelMap<>(in.iterator(), f, threads, chunk)) {
      m.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void tokenizationAndBpeOnFourThreadsEqualTheSingleThreadedPath() {
    List<String> lines = IntStream.range(0, 3000)
        .mapToObj(i -> "Sentence " + i + ": the lowest, newer and widest number " + (i * 7919 % 1000) + ".")
        .toList();
    var tokenizer = Tokenizers.create(TokenizerSpec.parse("lucene"));
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    lines.forEach(l -> tokenizer.tokenize(l).forEach(t -> counts.merge(t, 1L, Long::sum)));
    TextPipeline pipeline = new TextPipeline(tokenizer,
        new BpeCodec(new BpeLearner().learn(counts, 200)));
    Function<String, List<String>> work = pipeline::encode;
    List<List<String>> reference = run(lines, work, 1, 1);
    assertEquals(3000, reference.size());
    assertEquals(reference, run(lines, work, 4, 37));
    assertEquals(reference, run(lines, work, 2, OrderedParallelMap.DEFAULT_CHUNK));
    assertEquals(List.of(), run(List.of(), work, 3, 5));
  }

  @Test
  void aFailureComesAtItsPlaceAfterTheEarlierResults() {
    List<String> in = IntStream.range(0, 100).mapToObj(Integer::toString).toList();
    List<Integer> got = new ArrayList<>();
    try (OrderedParallelMap<String, Integer> m = new OrderedParallelMap<>(in.iterator(), s -> {
      if (s.equals("57")) {
        throw new IllegalArgumentException("bad 57");
      }
      return Integer.parseInt(s);
    }, 3, 10)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.forEachRemaining(got::add));
      assertEquals("bad 57", e.getMessage());
    }
    assertEquals(IntStream.range(0, 50).boxed().toList(), got);
  }
}
