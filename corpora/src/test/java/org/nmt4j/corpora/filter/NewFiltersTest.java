package org.nmt4j.corpora.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nmt4j.corpora.FilterChain;
import org.nmt4j.corpora.FilterConfig;
import org.nmt4j.corpora.SentencePair;

class NewFiltersTest {

  private static int line;

  private static SentencePair pair(String s, String t) {
    return new SentencePair(s, t, "mem", ++line);
  }

  private static String rule(FilterChain c, String s, String t) {
    return c.apply(pair(s, t)).droppedBy();
  }

  @Test
  void nearDuplicatesIgnoreCasePunctuationAndSpaces() {
    FilterConfig config = FilterConfig.defaults().withDropDuplicates(true).withDropNearDuplicates(true);
    FilterChain c = FilterChain.of(config, FilterChain::whitespaceTokens, FilterChain::whitespaceTokens);
    assertEquals(null, rule(c, "The cat sat.", "Die Katze saß."));
    assertEquals("duplicate", rule(c, "The cat sat.", "Die Katze saß."));
    assertEquals("near-duplicate", rule(c, "the  cat, sat", "die katze saß!"));
    assertEquals(null, rule(c, "The cat sat.", "Die Katze lag."));
    assertEquals(null, rule(c, "The cats sat.", "Die Katze saß."));
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("empty-side", 0L);
    expected.put("duplicate", 1L);
    expected.put("near-duplicate", 1L);
    assertEquals(expected, c.drops());
    assertEquals(5, c.read());
    assertEquals(3, c.kept());
  }

  @Test
  void sourceEqualsTargetAndWrongScript() {
    FilterConfig config = FilterConfig.defaults().withDropSourceEqualsTarget(true)
        .withScripts("Latin", "cyrillic");
    FilterChain c = FilterChain.of(config, FilterChain::whitespaceTokens, FilterChain::whitespaceTokens);
    assertEquals("source-equals-target", rule(c, "Hello!", "hello"));
    assertEquals("wrong-script", rule(c, "Hello", "Hello there"));
    assertEquals("wrong-script", rule(c, "Привет", "Привет мир"));
    assertEquals(null, rule(c, "Hello world", "Привет мир"));
    assertEquals(null, rule(c, "42 ?", "Привет"));
    assertEquals(List.of("empty-side", "source-equals-target", "wrong-script"), c.rules());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilterConfig.defaults().withScripts("Klingon", null));
    assertTrue(e.getMessage().startsWith("--src-script: unknown Unicode script 'Klingon'"),
        e.getMessage());
  }

  @Test
  void heldOutSentencesNeverPass() {
    HeldOutFilter held = new HeldOutFilter();
    held.add(pair("A dog runs.", "Ein Hund rennt."));
    FilterChain c = FilterChain.of(FilterConfig.defaults(), FilterChain::whitespaceTokens,
        FilterChain::whitespaceTokens, List.of(held));
    assertEquals("in-held-out", rule(c, "a dog runs", "Ein Hund läuft."));
    assertEquals("in-held-out", rule(c, "The dog runs.", "ein Hund rennt"));
    assertEquals(null, rule(c, "The dog runs.", "Der Hund rennt."));
    assertEquals(1, held.sourceSentences());
  }

  @Test
  void pairHashSeparatesSidesAndNearKeyIsDocumented() {
    assertNotEquals(PairHash.of("ab", "c"), PairHash.of("a", "bc"));
    assertEquals(PairHash.of("x", "y"), PairHash.of("x", "y"));
    assertEquals("thecatsat42", PairHash.nearKey(" The\tCat, sat — 42!"));
    assertEquals("", PairHash.nearKey("?!  ..."));
  }
}
