package org.nmt4j.corpora.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishNumberSpellerTest {

  @ParameterizedTest
  @CsvSource(delimiter = '=', textBlock = """
      0 = zero
      1 = one
      13 = thirteen
      20 = twenty
      21 = twenty-one
      99 = ninety-nine
      100 = one hundred
      101 = one hundred one
      342 = three hundred forty-two
      1000 = one thousand
      1001 = one thousand one
      12345 = twelve thousand three hundred forty-five
      21500 = twenty-one thousand five hundred
      100000 = one hundred thousand
      700070 = seven hundred thousand seventy
      999999 = nine hundred ninety-nine thousand nine hundred ninety-nine
      """)
  void spellsKnownValues(int n, String words) {
    assertEquals(words, EnglishNumberSpeller.spell(n));
  }

  @Test
  void everyNumberIsDistinctWithoutAnd() {
    Set<String> seen = new HashSet<>();
    for (int n = 0; n <= EnglishNumberSpeller.MAX; n++) {
      String w = EnglishNumberSpeller.spell(n);
      assertTrue(seen.add(w), w);
      assertFalse(w.contains(" and ") || w.contains("  ") || (n > 0 && w.contains("zero")), w);
    }
    assertThrows(IllegalArgumentException.class, () -> EnglishNumberSpeller.spell(1_000_000));
  }
}
