package org.nmt4j.corpora.filter;

import java.lang.Character.UnicodeScript;
import java.util.List;
import java.util.Locale;
import org.nmt4j.corpora.PairFilter;
import org.nmt4j.corpora.SentencePair;

/**
 * Drops a pair with a side in the wrong writing system (rule {@code wrong-script}): fewer than
 * half of the side's letters are of the expected Unicode script. The cheap part of language
 * identification: it tells German from Russian or Chinese, not German from English. A side
 * without letters passes.
 */
public final class ScriptFilter implements PairFilter {

  /** The rule name. */
  public static final String RULE = "wrong-script";

  private final UnicodeScript source;
  private final UnicodeScript target;

  /**
   * @param source the source side's script, or null for any
   * @param target the target side's script, or null for any
   */
  public ScriptFilter(UnicodeScript source, UnicodeScript target) {
    this.source = source;
    this.target = target;
  }

  /**
   * A script by its Unicode name or alias, any case ({@code Latin}, {@code cyrillic}, {@code
   * Han}, {@code Arab}).
   *
   * @param option the option named in the error
   * @param name the name
   * @throws IllegalArgumentException naming the option when the name is unknown
   */
  public static UnicodeScript script(String option, String name) {
    try {
      return UnicodeScript.forName(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": unknown Unicode script '" + name
          + "' (e.g. Latin, Cyrillic, Greek, Arabic, Han, Hiragana, Devanagari)", e);
    }
  }

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public boolean rejects(SentencePair pair, List<String> sourceTokens, List<String> targetTokens) {
    return wrong(pair.source(), source) || wrong(pair.target(), target);
  }

  private static boolean wrong(String s, UnicodeScript expected) {
    if (expected == null) {
      return false;
    }
    int letters = 0;
    int matching = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (UnicodeScript.of(c) == expected) {
          matching++;
        }
      }
      i += Character.charCount(c);
    }
    return 2 * matching < letters;
  }
}
