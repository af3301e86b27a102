package org.nmt4j.translator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedWordPairsTest {
  @Test
  void aLineRepeatsAWordPairWhenTwoAdjacentWordsOccurTwice() {
    assertTrue(RepeatedWordPairs.repeatsWordPair(
        "A girl with a red hat is sitting down to a tree and a tree and a tree."));
    assertTrue(RepeatedWordPairs.repeatsWordPair("A black and white and white dog"));
    // overlapping pairs count: "a a a" holds "a a" twice
    assertTrue(RepeatedWordPairs.repeatsWordPair("a a a"));
    assertFalse(RepeatedWordPairs.repeatsWordPair("a a"));
    assertFalse(RepeatedWordPairs.repeatsWordPair("A man and a woman walk a dog ."));
    // words as written: case and attached punctuation differ
    assertFalse(RepeatedWordPairs.repeatsWordPair("A dog and one Dog and a dog."));
    assertFalse(RepeatedWordPairs.repeatsWordPair(""));
    assertFalse(RepeatedWordPairs.repeatsWordPair("  one  "));
  }

  @Test
  void theReportCountsHypothesesAndReferences() {
    List<String> hyps = List.of("a b a b", "a b c", "x y x y", "");
    List<String> refs = List.of("a b c", "a b c", "x y x y", "q");
    assertEquals(2, RepeatedWordPairs.count(hyps));
    assertEquals("repeated word pairs = 50.0% of hypotheses (2/4), 25.0% of references (1/4)",
        RepeatedWordPairs.format(hyps, refs));
  }
}
