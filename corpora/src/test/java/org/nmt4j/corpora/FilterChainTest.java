package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterChainTest {

  private static int line;

  private static SentencePair pair(String s, String t) {
    return new SentencePair(s, t, "mem", ++line);
  }

  private static FilterChain chain(FilterConfig c) {
    return FilterChain.of(c, FilterChain::whitespaceTokens, FilterChain::whitespaceTokens);
  }

  @Test
  void emptySideDropsBlankOrTokenlessSides() {
    FilterChain c = chain(FilterConfig.defaults());
    assertEquals("empty-side", c.apply(pair("", "x")).droppedBy());
    assertEquals("empty-side", c.apply(pair("x", "  \t")).droppedBy());
    assertTrue(c.apply(pair("x", "y")).kept());
    // a tokenizer that yields nothing for a non-blank side also counts as empty
    FilterChain punctuationDropping =
        FilterChain.of(FilterConfig.defaults(),
            s -> FilterChain.whitespaceTokens(s.replace("!", "")),
            FilterChain::whitespaceTokens);
    assertEquals("empty-side", punctuationDropping.apply(pair("!!", "x")).droppedBy());
    assertEquals(Map.of("empty-side", 2L), c.drops());
    assertEquals(3, c.read());
    assertEquals(1, c.kept());
  }

  @Test
  void tooManyTokensPerSide() {
    FilterChain c = chain(FilterConfig.none().withMaxTokens(3, 2));
    assertTrue(c.apply(pair("a b c", "a b")).kept());
    assertEquals("too-many-tokens", c.apply(pair("a b c d", "a")).droppedBy());
    assertEquals("too-many-tokens", c.apply(pair("a", "a b c")).droppedBy());
    FilterChain sourceOnly = chain(FilterConfig.none().withMaxTokens(1, 0));
    assertTrue(sourceOnly.apply(pair("a", "a b c d e f")).kept());
  }

  @Test
  void lengthRatio() {
    FilterChain c = chain(FilterConfig.none().withMaxLengthRatio(2));
    assertTrue(c.apply(pair("a b", "a b c d")).kept()); // exactly 2
    assertEquals("length-ratio", c.apply(pair("a b c d e", "a b")).droppedBy()); // 2.5
    assertEquals("length-ratio", c.apply(pair("a", "a b c")).droppedBy());
    assertTrue(c.apply(pair("", "a b")).kept()); // an empty side counts as 1 token
    assertEquals("length-ratio", c.apply(pair("", "a b c")).droppedBy());
  }

  @Test
  void duplicatesKeepTheFirstOccurrence() {
    FilterChain c = chain(FilterConfig.none().withDropDuplicates(true));
    assertTrue(c.apply(pair("a", "b")).kept());
    assertTrue(c.apply(pair("a", "c")).kept());
    assertTrue(c.apply(pair("ab", "")).kept());
    assertTrue(c.apply(pair("a", "b ")).kept());
    assertEquals("duplicate", c.apply(pair("a", "b")).droppedBy());
    assertTrue(c.apply(pair("", "ab")).kept()); // the split between the sides matters
    assertEquals(Map.of("duplicate", 1L), c.drops());
  }

  @Test
  void firstMatchingRuleIsTheOneCounted() {
    FilterConfig all = new FilterConfig(true, 3, 3, 1.5, true);
    FilterChain c = chain(all);
    List<String> rules = new ArrayList<>();
    for (SentencePair p : List.of(
        pair("", "a b c d"), pair("a b c d", "a"), pair("a", "a b"), pair("a b", "a b"),
        pair("a b", "a b"), pair("", "a b c d"))) {
      rules.add(c.apply(p).droppedBy());
    }
    assertEquals(
        java.util.Arrays.asList("empty-side", "too-many-tokens", "length-ratio", null,
            "duplicate", "empty-side"),
        rules);
    assertEquals(List.of("empty-side", "too-many-tokens", "length-ratio", "duplicate"), c.rules());
    assertEquals(List.of(2L, 1L, 1L, 1L), List.copyOf(c.drops().values()));
    assertEquals(c.read(), c.kept() + 5);
  }

  @Test
  void tokensAreReturnedForReuse() {
    FilteredPair f = chain(FilterConfig.none()).apply(pair(" a  b ", "c"));
    assertEquals(List.of("a", "b"), f.sourceTokens());
    assertEquals(List.of("c"), f.targetTokens());
    assertNull(f.droppedBy());
    assertFalse(chain(FilterConfig.defaults()).test(pair("", "")));
  }

  @Test
  void invalidLimitsNameTheOption() {
    assertEquals("--max-length-ratio must be 0 (no limit) or a number >= 1, got 0.5",
        assertThrows(IllegalArgumentException.class,
            () -> FilterConfig.none().withMaxLengthRatio(0.5)).getMessage());
    assertEquals("--max-src-length must be >= 0 (0 = no limit), got -1",
        assertThrows(IllegalArgumentException.class,
            () -> FilterConfig.none().withMaxTokens(-1, 0)).getMessage());
  }
}
