package org.nmt4j.corpora.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FrenchNumberSpellerTest {

  @ParameterizedTest
  @CsvSource(delimiter = '=', textBlock = """
      0 = zéro
      1 = un
      2 = deux
      10 = dix
      11 = onze
      16 = seize
      17 = dix-sept
      19 = dix-neuf
      20 = vingt
      21 = vingt et un
      22 = vingt-deux
      30 = trente
      31 = trente et un
      39 = trente-neuf
      41 = quarante et un
      51 = cinquante et un
      60 = soixante
      61 = soixante et un
      69 = soixante-neuf
      70 = soixante-dix
      71 = soixante et onze
      72 = soixante-douze
      77 = soixante-dix-sept
      79 = soixante-dix-neuf
      80 = quatre-vingts
      81 = quatre-vingt-un
      82 = quatre-vingt-deux
      89 = quatre-vingt-neuf
      90 = quatre-vingt-dix
      91 = quatre-vingt-onze
      97 = quatre-vingt-dix-sept
      99 = quatre-vingt-dix-neuf
      100 = cent
      101 = cent un
      121 = cent vingt et un
      171 = cent soixante et onze
      180 = cent quatre-vingts
      181 = cent quatre-vingt-un
      200 = deux cents
      201 = deux cent un
      280 = deux cent quatre-vingts
      300 = trois cents
      342 = trois cent quarante-deux
      999 = neuf cent quatre-vingt-dix-neuf
      1000 = mille
      1001 = mille un
      1080 = mille quatre-vingts
      1100 = mille cent
      1200 = mille deux cents
      1991 = mille neuf cent quatre-vingt-onze
      2000 = deux mille
      2001 = deux mille un
      10000 = dix mille
      21000 = vingt et un mille
      21500 = vingt et un mille cinq cents
      71000 = soixante et onze mille
      80000 = quatre-vingt mille
      80080 = quatre-vingt mille quatre-vingts
      81000 = quatre-vingt-un mille
      91000 = quatre-vingt-onze mille
      100000 = cent mille
      101000 = cent un mille
      180000 = cent quatre-vingt mille
      200000 = deux cent mille
      200200 = deux cent mille deux cents
      201000 = deux cent un mille
      280000 = deux cent quatre-vingt mille
      300001 = trois cent mille un
      480000 = quatre cent quatre-vingt mille
      500100 = cinq cent mille cent
      999999 = neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf
      """)
  void spellsKnownValues(int n, String words) {
    assertEquals(words, FrenchNumberSpeller.spell(n));
  }

  @Test
  void everyNumberIsDistinctAndWellFormed() {
    Set<String> seen = new HashSet<>();
    for (int n = 0; n <= FrenchNumberSpeller.MAX; n++) {
      String w = FrenchNumberSpeller.spell(n);
      assertTrue(seen.add(w), "two numbers spelled " + w);
      if (n > 0) {
        assertFalse(w.contains("zéro"), w);
        assertFalse(w.startsWith("un mille") || w.startsWith("un cent"), w);
      }
      assertFalse(w.contains("  ") || w.startsWith(" ") || w.endsWith(" "), w);
      // traditional spelling: no hyphen next to cent, mille or et
      assertFalse(w.contains("-cent") || w.contains("cent-") || w.contains("-mille")
          || w.contains("mille-") || w.contains("-et") || w.contains("et-"), w);
      assertFalse(w.contains("cents mille") || w.contains("vingts mille"), w);
    }
  }

  @Test
  void outOfRangeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> FrenchNumberSpeller.spell(-1));
    assertThrows(IllegalArgumentException.class, () -> FrenchNumberSpeller.spell(1_000_000));
  }
}
