package org.nmt4j.corpora.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nmt4j.corpora.TestFiles.assertCorpusError;
import static org.nmt4j.corpora.TestFiles.readAll;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.TestFiles;

class TmxCorpusReaderTest {

  @TempDir Path dir;

  private static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
          + "<tmx version=\"1.4\">\n"
          + "<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\""
          + " o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n"
          + "<body>\n";
  private static final String TAIL = "</body>\n</tmx>\n";

  private static String tu(String... langAndText) {
    StringBuilder sb = new StringBuilder("<tu>\n");
    for (int i = 0; i < langAndText.length; i += 2) {
      sb.append("  <tuv xml:lang=\"").append(langAndText[i]).append("\"><seg>")
          .append(langAndText[i + 1]).append("</seg></tuv>\n");
    }
    return sb.append("</tu>\n").toString();
  }

  private static List<String> texts(List<SentencePair> pairs) {
    return pairs.stream().map(p -> p.source() + "|" + p.target()).toList();
  }

  @Test
  void readsPairsInOrderWithTheLineOfEachUnit() {
    Path f = TestFiles.text(dir, "m.tmx",
        HEAD + tu("en", "Hello &amp; welcome", "de", "Hallo &amp; willkommen")
            + tu("de", "Zwei", "en", "Two") + TAIL);
    List<SentencePair> pairs = readAll(new TmxCorpusReader(f, "de", "en"));
    assertEquals(List.of("Hallo & willkommen|Hello & welcome", "Zwei|Two"), texts(pairs));
    assertEquals(6, pairs.get(0).line());
    assertEquals(10, pairs.get(1).line());
    assertEquals(f.toString(), pairs.get(0).file());
  }

  @Test
  void languageCodesMatchCaseInsensitivelyAndByRegion() {
    Path f = TestFiles.text(dir, "r.tmx",
        HEAD + tu("EN-US", "color", "de-DE", "Farbe")
            + tu("en_GB", "colour", "DE", "Farbe")
            + tu("en-GB", "colour", "en", "plain", "de", "x") + TAIL);
    assertEquals(List.of("color|Farbe", "colour|Farbe", "plain|x"),
        texts(readAll(new TmxCorpusReader(f, "en", "de"))));
    // a request with a region matches only that region
    assertEquals(List.of("Farbe|colour", "x|colour"),
        texts(readAll(new TmxCorpusReader(f, "de", "en-gb"))));
  }

  @Test
  void unitsLackingALanguageAreCountedNotSilentlyLost() {
    Path f = TestFiles.text(dir, "p.tmx",
        HEAD + tu("en", "a", "fr", "b") + tu("en", "only english") + tu("fr", "c", "en", "d")
            + TAIL);
    TmxCorpusReader r = new TmxCorpusReader(f, "en", "fr");
    assertEquals(List.of("a|b", "d|c"), texts(readAll(r)));
    assertEquals(Map.of(TmxCorpusReader.SKIP_MISSING_LANGUAGE, 1L), r.skipped());
  }

  @Test
  void inlineCodesAreLeftOutAndHighlightedTextKept() {
    Path f = TestFiles.text(dir, "i.tmx",
        HEAD + tu("en", "Click <bpt i=\"1\">&lt;b&gt;</bpt>here<ept i=\"1\">&lt;/b&gt;</ept>"
                + " <ph>&lt;br/&gt;</ph>now <hi type=\"x\">please</hi><![CDATA[ <ok>]]>",
            "de", "Klick") + TAIL);
    assertEquals(List.of("Click here now please <ok>|Klick"),
        texts(readAll(new TmxCorpusReader(f, "en", "de"))));
  }

  @Test
  void tmx11LangAttributeAndGzip() {
    Path f = TestFiles.gzip(dir, "old.tmx.gz",
        "<tmx version=\"1.1\"><body><tu><tuv lang=\"EN\"><seg>a</seg></tuv>"
            + "<tuv lang=\"ES\"><seg>b</seg></tuv></tu></body></tmx>");
    assertEquals(List.of("a|b"), texts(readAll(CorpusSpec.tmx(f, "en", "es").open())));
  }

  @Test
  void missingLanguageNamesTheFileAndTheLanguagesFound() {
    Path f = TestFiles.text(dir, "x.tmx",
        HEAD + tu("en-US", "a", "de", "b") + tu("EN-us", "c", "fr", "d") + TAIL);
    assertCorpusError(f + ": no <tuv> in language 'es' (languages found: en-US, de, fr)",
        () -> readAll(new TmxCorpusReader(f, "en", "es")));
    assertCorpusError(f + ": no <tuv> in language 'it' (languages found: en-US, de, fr)",
        () -> readAll(new TmxCorpusReader(f, "it", "en")));
  }

  @Test
  void malformedXmlNamesFileAndLine() {
    Path f = TestFiles.text(dir, "bad.tmx",
        HEAD + "<tu>\n<tuv xml:lang=\"en\"><seg>open\n</tuv>\n</tu>\n" + TAIL);
    assertCorpusError(f + ":8: malformed XML: The element type \"seg\" must be terminated by the "
            + "matching end-tag \"</seg>\".",
        () -> readAll(new TmxCorpusReader(f, "en", "de")));
  }

  @Test
  void externalEntitiesAreNeverResolved() {
    Path secret = TestFiles.text(dir, "secret.txt", "TOP SECRET");
    Path f = TestFiles.text(dir, "xxe.tmx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"" + secret.toUri()
            + "\">]>\n<tmx><body><tu><tuv xml:lang=\"en\"><seg>&xxe;</seg></tuv>"
            + "<tuv xml:lang=\"de\"><seg>x</seg></tuv></tu></body></tmx>\n");
    assertCorpusError(
        f + ":3: malformed XML: The entity \"xxe\" was referenced, but not declared.",
        () -> readAll(new TmxCorpusReader(f, "en", "de")));
  }

  @Test
  void otherXmlIsNotATmx() {
    Path f = TestFiles.text(dir, "page.tmx", "<?xml version=\"1.0\"?>\n<html><body/></html>\n");
    assertCorpusError(f + ":2: not a TMX file (root element <html>, expected <tmx>)",
        () -> readAll(new TmxCorpusReader(f, "en", "de")));
  }

  @Test
  void tuvWithoutLanguageIsAnError() {
    Path f = TestFiles.text(dir, "nolang.tmx",
        "<tmx>\n<body>\n<tu>\n<tuv><seg>a</seg></tuv>\n</tu>\n</body>\n</tmx>\n");
    assertCorpusError(f + ":4: <tuv> without xml:lang",
        () -> readAll(new TmxCorpusReader(f, "en", "de")));
  }

  @Test
  void invalidUtf8IsMalformedXmlAtItsLine() {
    byte[] head = (HEAD + "<tu>\n<tuv xml:lang=\"en\"><seg>caf").getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = "</seg></tuv>\n<tuv xml:lang=\"de\"><seg>x</seg></tuv>\n</tu>\n</body></tmx>"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] all = java.util.Arrays.copyOf(head, head.length + 1 + tail.length);
    all[head.length] = (byte) 0xE9; // é in Latin-1, invalid in UTF-8
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    Path f = TestFiles.bytes(dir, "latin1.tmx", all);
    assertCorpusError(f + ":7: invalid UTF-8 (byte 0xE9)",
        () -> readAll(new TmxCorpusReader(f, "en", "de")));
  }

  @Test
  void declaredEncodingAndUtf16AreHonoured() throws Exception {
    String doc = "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>été</seg></tuv>"
        + "<tuv xml:lang=\"de\"><seg>Sommer</seg></tuv></tu></body></tmx>";
    Path latin1 = TestFiles.bytes(dir, "l.tmx",
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + doc)
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(List.of("été|Sommer"), texts(readAll(new TmxCorpusReader(latin1, "fr", "de"))));
    byte[] utf16 = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + doc)
        .getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    Path u16 = TestFiles.bytes(dir, "u16.tmx", utf16);
    assertEquals(List.of("été|Sommer"), texts(readAll(new TmxCorpusReader(u16, "fr", "de"))));
    Path bom8 = TestFiles.text(dir, "bom8.tmx", "\uFEFF" + doc);
    assertEquals(List.of("été|Sommer"), texts(readAll(new TmxCorpusReader(bom8, "fr", "de"))));
    Path odd = TestFiles.text(dir, "odd.tmx", "<?xml version='1.0' encoding='X-NOPE'?>\n" + doc);
    assertCorpusError(odd + ":1: unsupported XML encoding 'X-NOPE'",
        () -> new TmxCorpusReader(odd, "fr", "de"));
  }
}
