package org.nmt4j.corpora.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

  @Test
  void agreesWithHashSetOnRandomValuesWithRepeatsAndZero() {
    Random r = new Random(3);
    LongHashSet set = new LongHashSet();
    Set<Long> reference = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      // a small range gives many repeats; 0 is the set's empty marker and must still count
      long v = i % 7 == 0 ? r.nextInt(1000) - 500 : r.nextLong();
      assertEquals(reference.add(v), set.add(v), "add " + v);
      long probe = r.nextInt(1000) - 500;
      assertEquals(reference.contains(probe), set.contains(probe), "contains " + probe);
    }
    assertEquals(reference.size(), set.size());
    for (long v : reference) {
      assertEquals(true, set.contains(v));
    }
  }
}
