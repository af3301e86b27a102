package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LengthHistogramTest {

  @Test
  void statisticsAreExact() {
    LengthHistogram h = new LengthHistogram();
    for (int i = 1; i <= 100; i++) {
      h.add(i);
    }
    h.add(1000);
    assertEquals(101, h.total());
    assertEquals(1, h.min());
    assertEquals(1000, h.max());
    assertEquals((5050 + 1000) / 101.0, h.mean(), 1e-12);
    assertEquals(51, h.percentile(0.5));
    assertEquals(96, h.percentile(0.95));
    assertEquals(1000, h.percentile(1.0));
    assertEquals(1, h.count(7));
    assertEquals(0, h.count(5000));
  }

  @Test
  void formatGivesRoundRangesAndBars() {
    LengthHistogram h = new LengthHistogram();
    for (int i = 0; i < 10; i++) {
      h.add(3);
    }
    h.add(7);
    h.add(12);
    String expected =
        "src: min 3, mean 4.1, median 3, p95 12, p99 12, max 12\n"
            + "      3         10  ########################################\n"
            + "      4          0  \n"
            + "      5          0  \n"
            + "      6          0  \n"
            + "      7          1  ####\n"
            + "      8          0  \n"
            + "      9          0  \n"
            + "     10          0  \n"
            + "     11          0  \n"
            + "     12          1  ####\n";
    assertEquals(expected, h.format("src"));
    h.add(40);
    String wide = h.format("src");
    // span 3..40 needs width 5: rows 0-4, 5-9, ..., 40-44
    assertEquals(10, wide.lines().count());
    assertEquals("    0-4         10  ########################################",
        wide.lines().skip(1).findFirst().orElseThrow());
    assertEquals("empty: no sentences\n", new LengthHistogram().format("empty"));
  }
}
