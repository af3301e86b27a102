package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

  @Test
  void composesAccentsRemovesControlsAndCollapsesSpace() {
    // e + combining acute becomes é; NBSP, tab and runs of spaces become one space
    assertEquals("Café au lait", TextCleaner.clean("  Cafe\u0301\u00a0au\t\tlait \u0007"));
    assertEquals("ab", TextCleaner.clean("\ufeffa\u200bb"));
    // the zero-width non-joiner is part of Persian spelling and stays
    assertEquals("می\u200cخواهم", TextCleaner.clean("می\u200cخواهم"));
    assertEquals("", TextCleaner.clean(" \r\n "));
    SentencePair clean = new SentencePair("a b", "c", "f", 1);
    assertSame(clean, TextCleaner.clean(clean));
    assertEquals("x y", TextCleaner.clean(new SentencePair("x  y", "c", "f", 2)).source());
  }
}
