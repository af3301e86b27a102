package org.nmt4j.corpora.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nmt4j.corpora.TestFiles.assertCorpusError;
import static org.nmt4j.corpora.TestFiles.readAll;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.TestFiles;

class AlignedTextReaderTest {

  @TempDir Path dir;

  @Test
  void pairsLinesWithTheirOrigin() {
    Path de = TestFiles.text(dir, "a.de", "Hallo Welt\n\nTschüss\n");
    Path en = TestFiles.text(dir, "a.en", "hello world\nempty left\nbye\n");
    List<SentencePair> pairs = readAll(new AlignedTextReader(de, en));
    assertEquals(
        List.of(
            new SentencePair("Hallo Welt", "hello world", de.toString(), 1),
            new SentencePair("", "empty left", de.toString(), 2),
            new SentencePair("Tschüss", "bye", de.toString(), 3)),
        pairs);
    assertEquals(de + ":3", pairs.get(2).origin());
  }

  @Test
  void mixedCompressionWorks() {
    Path de = TestFiles.gzip(dir, "a.de.gz", "eins\nzwei\n");
    Path en = TestFiles.text(dir, "a.en", "one\ntwo");
    assertEquals(List.of("eins|one", "zwei|two"),
        readAll(CorpusSpec.aligned(de, en).open()).stream()
            .map(p -> p.source() + "|" + p.target()).toList());
  }

  @Test
  void longerTargetNamesBothFilesAndCounts() {
    Path de = TestFiles.text(dir, "train.de", "a\nb\n");
    Path en = TestFiles.text(dir, "train.en", "a\nb\nc\nd\n");
    List<SentencePair> seen = new ArrayList<>();
    assertCorpusError(
        "line counts differ: " + de + " has 2 lines, " + en + " has 4 lines",
        () -> {
          try (AlignedTextReader r = new AlignedTextReader(de, en)) {
            r.forEachRemaining(seen::add);
          }
        });
    assertEquals(2, seen.size());
  }

  @Test
  void longerSourceNamesBothFilesAndCounts() {
    Path de = TestFiles.text(dir, "train.de", "a\nb\nc");
    Path en = TestFiles.text(dir, "train.en", "a\n");
    assertCorpusError(
        "line counts differ: " + de + " has 3 lines, " + en + " has 1 lines",
        () -> readAll(new AlignedTextReader(de, en)));
  }

  @Test
  void emptyFileAgainstNonEmpty() {
    Path de = TestFiles.text(dir, "e.de", "");
    Path en = TestFiles.text(dir, "e.en", "x\n");
    assertCorpusError("line counts differ: " + de + " has 0 lines, " + en + " has 1 lines",
        () -> readAll(new AlignedTextReader(de, en)));
    assertEquals(List.of(), readAll(new AlignedTextReader(de, de)));
  }

  @Test
  void invalidUtf8InTheTargetNamesTheTargetFile() {
    Path de = TestFiles.text(dir, "v.de", "a\nb\nc\n");
    Path en = TestFiles.bytes(dir, "v.en", new byte[] {'a', '\n', 'b', '\n', (byte) 0x80, '\n'});
    assertCorpusError(en + ":3: invalid UTF-8 (byte 0x80 at byte 1 of the line)",
        () -> readAll(new AlignedTextReader(de, en)));
  }

  @Test
  void missingTargetFileIsReported() {
    Path de = TestFiles.text(dir, "m.de", "a\n");
    Path en = dir.resolve("m.en");
    assertCorpusError(en + ": no such file", () -> new AlignedTextReader(de, en));
  }
}
