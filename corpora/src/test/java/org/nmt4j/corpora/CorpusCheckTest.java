package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nmt4j.corpora.TestFiles.assertCorpusError;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.read.TmxCorpusReader;

class CorpusCheckTest {

  @TempDir Path dir;

  private static FilterChain chain(FilterConfig c) {
    return FilterChain.of(c, FilterChain::whitespaceTokens, FilterChain::whitespaceTokens);
  }

  @Test
  void reportCountsDropsAndLengthsOfKeptPairs() {
    Path src = TestFiles.text(dir, "c.de", "a b\n\na b c d e f\na b\nx\n");
    Path tgt = TestFiles.text(dir, "c.en", "a b c\nz\nq\na b c\ny\n");
    CorpusReport r = CorpusCheck.run(CorpusSpec.aligned(src, tgt),
        chain(FilterConfig.defaults().withMaxLengthRatio(3).withDropDuplicates(true)));
    assertEquals(5, r.read());
    assertEquals(2, r.kept());
    assertEquals(Map.of("empty-side", 1L, "length-ratio", 1L, "duplicate", 1L), r.drops());
    assertEquals(2, r.sourceLengths().total());
    assertEquals(1, r.sourceLengths().count(2));
    assertEquals(1, r.sourceLengths().count(1));
    assertEquals(1, r.targetLengths().count(3));
    String expected =
        "corpus: " + src + " + " + tgt + "\n"
            + "pairs read: 5\n"
            + "pairs kept: 2 (40.00%)\n"
            + "dropped by rule:\n"
            + "  empty-side            1\n"
            + "  length-ratio          1\n"
            + "  duplicate             1\n"
            + "source tokens (kept pairs): min 1, mean 1.5, median 1, p95 2, p99 2, max 2\n"
            + "    1          1  ########################################\n"
            + "    2          1  ########################################\n"
            + "target tokens (kept pairs): min 1, mean 2.0, median 1, p95 3, p99 3, max 3\n"
            + "    1          1  ########################################\n"
            + "    2          0  \n"
            + "    3          1  ########################################\n";
    assertEquals(expected, r.format());
  }

  @Test
  void tmxUnitsWithoutBothLanguagesAreCountedAsDrops() {
    Path f = TestFiles.text(dir, "m.tmx",
        "<tmx><body><tu><tuv xml:lang='en'><seg>a</seg></tuv><tuv xml:lang='de'><seg>b</seg>"
            + "</tuv></tu><tu><tuv xml:lang='en'><seg>c</seg></tuv></tu></body></tmx>");
    CorpusReport r = CorpusCheck.run(CorpusSpec.tmx(f, "en", "de"), chain(FilterConfig.none()));
    assertEquals(2, r.read());
    assertEquals(1, r.kept());
    assertEquals(Map.of(TmxCorpusReader.SKIP_MISSING_LANGUAGE, 1L), r.drops());
  }

  @Test
  void badInputStopsTheCheckWithOneLine() {
    Path src = TestFiles.text(dir, "x.de", "a\nb\n");
    Path tgt = TestFiles.text(dir, "x.en", "a\n");
    assertCorpusError("line counts differ: " + src + " has 2 lines, " + tgt + " has 1 lines",
        () -> CorpusCheck.run(CorpusSpec.aligned(src, tgt), chain(FilterConfig.defaults())));
  }

  @Test
  void countsMustAddUp() {
    assertThrows(IllegalArgumentException.class,
        () -> new CorpusReport("x", 3, 1, Map.of("r", 1L),
            new LengthHistogram(), new LengthHistogram()));
  }
}
