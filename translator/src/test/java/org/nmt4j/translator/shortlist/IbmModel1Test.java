package org.nmt4j.translator.shortlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * IBM Model 1 on a generated corpus with a known dictionary: target sentences are the source
 * words translated (source id s -> target id 40 + (7 s mod 30)), shuffled, with a frequent
 * function word added to most. After a few iterations each source word's best translation is its
 * dictionary entry, though the function word co-occurs with every source word more often.
 */
class IbmModel1Test {
  static final int SOURCES = 34;
  static final int TARGETS = 80;
  static final int FUNCTION_WORD = 75;

  static int translation(int s) {
    return 40 + (7 * s) % 30;
  }

  @Test
  void learnsTheDictionary() {
    Random random = new Random(3);
    List<int[]> sources = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    for (int k = 0; k < 3000; k++) {
      int n = 2 + random.nextInt(6);
      int[] s = new int[n];
      List<Integer> t = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        s[i] = 4 + random.nextInt(SOURCES - 4);
        t.add(translation(s[i]));
      }
      if (random.nextInt(10) < 9) {
        t.add(FUNCTION_WORD);
      }
      Collections.shuffle(t, random);
      sources.add(s);
      targets.add(t.stream().mapToInt(Integer::intValue).toArray());
    }
    IbmModel1 model = IbmModel1.train(sources, targets, SOURCES, TARGETS, 5);
    for (int s = 4; s < SOURCES; s++) {
      assertArrayEquals(new int[] {translation(s)}, model.best(s, 1), "source " + s);
      assertTrue(model.probability(s, translation(s)) > 0.5,
          "p = " + model.probability(s, translation(s)));
      int[] two = model.best(s, 2);
      assertEquals(2, two.length);
      assertTrue(model.probability(s, two[0]) >= model.probability(s, two[1]));
    }
    // ids that never occur list nothing
    assertEquals(0, model.best(0, 5).length);
    assertEquals(0.0, model.probability(0, 40));
  }

  @Test
  void badInputIsRefused() {
    List<int[]> one = List.of(new int[] {1});
    assertThrows(IllegalArgumentException.class,
        () -> IbmModel1.train(one, List.of(), 4, 4, 1));
    assertThrows(IllegalArgumentException.class,
        () -> IbmModel1.train(one, List.of(new int[] {4}), 4, 4, 1));
    assertThrows(IllegalArgumentException.class,
        () -> IbmModel1.train(one, List.of(new int[] {2}), 4, 4, 0));
  }
}
