package org.nmt4j.corpora.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nmt4j.corpora.TestFiles.assertCorpusError;
import static org.nmt4j.corpora.TestFiles.readAll;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.TestFiles;

class TsvCorpusReaderTest {

  @TempDir Path dir;

  private static List<String> joined(List<SentencePair> pairs) {
    return pairs.stream().map(p -> p.source() + "|" + p.target() + "@" + p.line()).toList();
  }

  @Test
  void readsTwoColumnsAndIgnoresExtras() {
    Path f = TestFiles.text(dir, "c.tsv", "Haus\thouse\n\"Ja\"\t\tscore 0.9\nx\ty\tz\tw\n");
    assertEquals(List.of("Haus|house@1", "\"Ja\"|@2", "x|y@3"),
        joined(readAll(new TsvCorpusReader(f))));
  }

  @Test
  void chosenColumnsInAnyOrder() {
    Path f = TestFiles.text(dir, "c.tsv", "id1\ten1\tde1\nid2\ten2\tde2\n");
    assertEquals(List.of("de1|en1@1", "de2|en2@2"),
        joined(readAll(CorpusSpec.tsv(f, 3, 2).open())));
  }

  @Test
  void gzippedTsv() {
    Path f = TestFiles.gzip(dir, "c.tsv.gz", "a\tb\n");
    assertEquals(List.of("a|b@1"), joined(readAll(CorpusSpec.tsv(f).open())));
  }

  @Test
  void lineWithoutTabIsReportedWithFileAndLine() {
    Path f = TestFiles.text(dir, "bad.tsv", "a\tb\nno separator here\nc\td\n");
    assertCorpusError(f + ":2: no tab separator (expected source<TAB>target)",
        () -> readAll(new TsvCorpusReader(f)));
    Path empty = TestFiles.text(dir, "empty-line.tsv", "a\tb\n\n");
    assertCorpusError(empty + ":2: no tab separator (expected source<TAB>target)",
        () -> readAll(new TsvCorpusReader(empty)));
  }

  @Test
  void tooFewColumnsIsReported() {
    Path f = TestFiles.text(dir, "few.tsv", "1\ta\tb\n2\ta\n");
    assertCorpusError(f + ":2: only 2 tab-separated columns, column 3 is needed",
        () -> readAll(new TsvCorpusReader(f, 2, 3)));
  }

  @Test
  void invalidColumnsAreRejected() {
    Path f = TestFiles.text(dir, "x.tsv", "a\tb\n");
    assertThrows(IllegalArgumentException.class, () -> new TsvCorpusReader(f, 2, 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CorpusSpec.tsv(f, 0, 2));
    assertEquals("--tsv-columns must be two different column numbers >= 1, got 0,2",
        e.getMessage());
  }
}
