package org.nmt4j.corpora.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.SplitSizes;

class ToyCorpusGeneratorTest {

  @TempDir Path dir;

  private static List<String> sources(List<SentencePair> pairs) {
    return pairs.stream().map(SentencePair::source).toList();
  }

  @Test
  void copyAndReverse() {
    ToyCorpusConfig c = ToyCorpusConfig.of(ToyTask.REVERSE, 500, 3).withStrings(7, 2, 5);
    ToyCorpus corpus = new ToyCorpusGenerator(c).generate();
    assertEquals(500, corpus.train().size());
    assertEquals(50, corpus.valid().size());
    Set<String> tokens = new HashSet<>();
    for (SentencePair p : corpus.train()) {
      List<String> s = List.of(p.source().split(" "));
      List<String> t = new ArrayList<>(List.of(p.target().split(" ")));
      Collections.reverse(t);
      assertEquals(s, t);
      assertTrue(s.size() >= 2 && s.size() <= 5, p.source());
      tokens.addAll(s);
    }
    assertEquals(Set.of("a", "b", "c", "d", "e", "f", "g"), tokens);
    ToyCorpus copy = new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.COPY, 50, 3)).generate();
    copy.train().forEach(p -> assertEquals(p.source(), p.target()));
  }

  @Test
  void partsShareNoExample() {
    for (ToyTask task : ToyTask.values()) {
      ToyCorpus c = new ToyCorpusGenerator(
          ToyCorpusConfig.of(task, 3000, 11).withHeldOut(500, 500)).generate();
      Set<String> all = new HashSet<>();
      for (List<SentencePair> part : List.of(c.train(), c.valid(), c.test())) {
        for (SentencePair p : part) {
          assertTrue(all.add(p.source()), task + ": repeated " + p.source());
        }
      }
      assertEquals(4000, all.size());
    }
  }

  @Test
  void numbersAreSpelledOnBothSides() {
    ToyCorpus enFr = new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.NUMBERS_EN_FR, 200, 5))
        .generate();
    ToyCorpus frEn = new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.NUMBERS_FR_EN, 200, 5))
        .generate();
    for (int i = 0; i < 200; i++) {
      SentencePair a = enFr.train().get(i);
      SentencePair b = frEn.train().get(i);
      assertEquals(a.source(), b.target());
      assertEquals(a.target(), b.source());
      int n = findNumber(a.source());
      assertEquals(EnglishNumberSpeller.spell(n), a.source());
      assertEquals(FrenchNumberSpeller.spell(n), a.target());
    }
    // uniform over 0..999,999: most numbers have six digits
    long sixDigits = enFr.train().stream()
        .filter(p -> findNumber(p.source()) >= 100_000).count();
    assertTrue(sixDigits > 150, "six-digit numbers: " + sixDigits);
  }

  /** Reads English number words back, independently of the speller. */
  private static int findNumber(String english) {
    java.util.Map<String, Integer> words = new java.util.HashMap<>();
    String[] small = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen"};
    String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (int i = 0; i < small.length; i++) {
      words.put(small[i], i);
    }
    for (int i = 0; i < tens.length; i++) {
      words.put(tens[i], 20 + 10 * i);
    }
    int total = 0;
    int current = 0;
    for (String w : english.split("[ -]")) {
      switch (w) {
        case "hundred" -> current *= 100;
        case "thousand" -> {
          total += current * 1000;
          current = 0;
        }
        default -> current += words.get(w);
      }
    }
    return total + current;
  }

  @Test
  void seededAndReproducible() {
    ToyCorpusConfig c = ToyCorpusConfig.of(ToyTask.NUMBERS_EN_FR, 100, 1);
    assertEquals(new ToyCorpusGenerator(c).generate(), new ToyCorpusGenerator(c).generate());
    ToyCorpusConfig d = ToyCorpusConfig.of(ToyTask.NUMBERS_EN_FR, 100, 2);
    assertNotEquals(sources(new ToyCorpusGenerator(c).generate().train()),
        sources(new ToyCorpusGenerator(d).generate().train()));
  }

  @Test
  void writesSixAlignedFilesAtomically() throws IOException {
    Path out = dir.resolve("numbers");
    ToyCorpusConfig c = ToyCorpusConfig.of(ToyTask.NUMBERS_FR_EN, 120, 9).withHeldOut(10, 20);
    SplitSizes sizes = new ToyCorpusGenerator(c).write(out);
    assertEquals(new SplitSizes(120, 10, 20), sizes);
    ToyCorpus mem = new ToyCorpusGenerator(c).generate();
    assertEquals(sources(mem.valid()),
        Files.readAllLines(out.resolve("valid.src"), StandardCharsets.UTF_8));
    assertEquals(mem.test().stream().map(SentencePair::target).toList(),
        Files.readAllLines(out.resolve("test.tgt"), StandardCharsets.UTF_8));
    assertEquals(120, Files.readAllLines(out.resolve("train.tgt"), StandardCharsets.UTF_8).size());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(Set.of("train.src", "train.tgt", "valid.src", "valid.tgt", "test.src",
              "test.tgt"),
          new HashSet<>(files.map(p -> p.getFileName().toString()).toList()));
    }
  }

  @Test
  void impossibleRequestsNameTheOptions() {
    assertEquals("--size 999000 with 1000 valid and 1000 test pairs asks for 1001000 distinct "
            + "examples, but there are only 1000000 numbers (0..999999)",
        assertThrows(IllegalArgumentException.class,
            () -> ToyCorpusConfig.of(ToyTask.NUMBERS_EN_FR, 999_000, 1)).getMessage());
    assertEquals("--size 10 with 1 valid and 1 test pairs asks for 12 distinct examples, but at "
            + "most 7 can be drawn (half the distinct strings of --vocab-size 2 and lengths 1..3)",
        assertThrows(IllegalArgumentException.class,
            () -> ToyCorpusConfig.of(ToyTask.COPY, 10, 1).withStrings(2, 1, 3)).getMessage());
    assertEquals("--task must be one of copy, reverse, numbers-en-fr, numbers-fr-en, got 'add'",
        assertThrows(IllegalArgumentException.class, () -> ToyTask.fromName("add"))
            .getMessage());
    assertEquals(ToyTask.NUMBERS_FR_EN, ToyTask.fromName("Numbers-FR-EN"));
    assertEquals("--max-string-length must be >= --min-string-length (4), got 3",
        assertThrows(IllegalArgumentException.class,
            () -> ToyCorpusConfig.of(ToyTask.COPY, 10, 1).withStrings(5, 4, 3)).getMessage());
  }

  @Test
  void tokenNamesAreBijectiveBase26() {
    assertEquals("a", ToyCorpusGenerator.tokenName(0));
    assertEquals("z", ToyCorpusGenerator.tokenName(25));
    assertEquals("aa", ToyCorpusGenerator.tokenName(26));
    assertEquals("az", ToyCorpusGenerator.tokenName(51));
    assertEquals("ba", ToyCorpusGenerator.tokenName(52));
    assertEquals("zz", ToyCorpusGenerator.tokenName(701));
    assertEquals("aaa", ToyCorpusGenerator.tokenName(702));
  }
}
