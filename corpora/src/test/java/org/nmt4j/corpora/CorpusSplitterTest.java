package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nmt4j.corpora.TestFiles.assertCorpusError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusSplitterTest {

  @TempDir Path dir;

  private Path tsv(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("s").append(i).append('\t').append("t").append(i).append('\n');
    }
    return TestFiles.text(dir, "all.tsv", sb.toString());
  }

  private static List<String> lines(Path p) throws IOException {
    return Files.readAllLines(p, StandardCharsets.UTF_8);
  }

  @Test
  void exactSizesCoverEveryPairOnceAndStayAligned() throws IOException {
    Path in = tsv(1000);
    Path out = dir.resolve("split");
    SplitSizes sizes = new CorpusSplitter(SplitConfig.ofSizes(100, 50, 7))
        .write(CorpusSpec.tsv(in), out);
    assertEquals(new SplitSizes(850, 100, 50), sizes);
    Set<String> all = new HashSet<>();
    for (SplitPart part : SplitPart.values()) {
      List<String> src = lines(out.resolve(part.stem() + ".src"));
      List<String> tgt = lines(out.resolve(part.stem() + ".tgt"));
      assertEquals(sizes.of(part), src.size());
      assertEquals(src.size(), tgt.size());
      for (int i = 0; i < src.size(); i++) {
        assertEquals(src.get(i).replace('s', 't'), tgt.get(i));
        assertTrue(all.add(src.get(i)), "pair in two parts: " + src.get(i));
      }
    }
    assertEquals(1000, all.size());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(6, files.count(), "no temporary file may be left");
    }
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() throws IOException {
    Path in = tsv(300);
    new CorpusSplitter(SplitConfig.ofFractions(0.1, 0.1, 1)).write(CorpusSpec.tsv(in), dir.resolve("a"));
    new CorpusSplitter(SplitConfig.ofFractions(0.1, 0.1, 1)).write(CorpusSpec.tsv(in), dir.resolve("b"));
    new CorpusSplitter(SplitConfig.ofFractions(0.1, 0.1, 2)).write(CorpusSpec.tsv(in), dir.resolve("c"));
    assertEquals(lines(dir.resolve("a/valid.src")), lines(dir.resolve("b/valid.src")));
    assertEquals(lines(dir.resolve("a/train.tgt")), lines(dir.resolve("b/train.tgt")));
    assertEquals(30, lines(dir.resolve("a/test.src")).size());
    assertNotEquals(lines(dir.resolve("a/valid.src")), lines(dir.resolve("c/valid.src")));
    // the held-out part is spread over the corpus, not its head or tail
    List<Integer> ids = new ArrayList<>();
    for (String s : lines(dir.resolve("a/valid.src"))) {
      ids.add(Integer.parseInt(s.substring(1)));
    }
    assertTrue(ids.stream().anyMatch(i -> i < 100) && ids.stream().anyMatch(i -> i >= 200), ids::toString);
  }

  @Test
  void everyPairIsEquallyLikelyToBeHeldOut() {
    // 2000 splits of 10 pairs with 3 held out: each position should be held out ~600 times
    int[] heldOut = new int[10];
    for (int seed = 0; seed < 2000; seed++) {
      SplitAssigner a = new SplitAssigner(new SplitSizes(7, 2, 1), seed);
      for (int i = 0; i < 10; i++) {
        if (a.next() != SplitPart.TRAIN) {
          heldOut[i]++;
        }
      }
    }
    for (int count : heldOut) {
      assertTrue(count > 500 && count < 700, java.util.Arrays.toString(heldOut));
    }
  }

  @Test
  void filtersApplyBeforeSplitting() throws IOException {
    Path in = TestFiles.text(dir, "f.tsv", "a\tb\n\tempty\nc\td\na\tb\ne\tf\n");
    SplitSizes sizes = new CorpusSplitter(SplitConfig.ofSizes(1, 1, 3))
        .write(CorpusSpec.tsv(in),
            () -> FilterChain.of(FilterConfig.defaults().withDropDuplicates(true),
                FilterChain::whitespaceTokens, FilterChain::whitespaceTokens),
            dir.resolve("o"));
    assertEquals(new SplitSizes(1, 1, 1), sizes);
    List<String> all = new ArrayList<>();
    for (SplitPart p : SplitPart.values()) {
      all.addAll(lines(dir.resolve("o/" + p.stem() + ".src")));
    }
    assertEquals(Set.of("a", "c", "e"), new HashSet<>(all));
  }

  @Test
  void badInputLeavesNoOutput() {
    Path in = TestFiles.text(dir, "bad.tsv", "a\tb\nc\td\nbroken\n");
    Path out = dir.resolve("none");
    assertCorpusError(in + ":3: no tab separator (expected source<TAB>target)",
        () -> new CorpusSplitter(SplitConfig.ofSizes(1, 1, 0)).write(CorpusSpec.tsv(in), out));
    assertFalse(Files.exists(out.resolve("train.src")));
  }

  @Test
  void sizesAreValidated() {
    assertEquals("--valid-size 5 and --test-size 5 leave no training pair out of 10",
        assertThrows(IllegalArgumentException.class,
            () -> SplitConfig.ofSizes(5, 5, 0).sizes(10)).getMessage());
    assertEquals(SplitSize.fraction(0.05), SplitSize.parse("5%", "--valid-size"));
    assertEquals(SplitSize.fraction(0.05), SplitSize.parse("0.05", "--valid-size"));
    assertEquals(SplitSize.count(1000), SplitSize.parse("1000", "--valid-size"));
    assertEquals("--test-size must be a number of pairs (1000), a fraction (0.05) or a "
            + "percentage (5%), got 'x'",
        assertThrows(IllegalArgumentException.class,
            () -> SplitSize.parse("x", "--test-size")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> SplitSize.parse("1.5", "--test-size"));
    assertEquals(new SplitSizes(8, 1, 1), SplitConfig.ofFractions(0.1, 0.1, 0).sizes(10));
  }
}
