package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.read.AlignedTextReader;
import org.nmt4j.corpora.read.TmxCorpusReader;
import org.nmt4j.corpora.read.TsvCorpusReader;

class CorpusSpecTest {

  @TempDir Path dir;

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void openPicksTheReaderOfTheFormat() {
    Path a = TestFiles.text(dir, "a", "x\n");
    Path tsv = TestFiles.text(dir, "c.tsv", "x\ty\n");
    Path tmx = TestFiles.text(dir, "c.tmx", "<tmx><body/></tmx>");
    try (ParallelCorpusReader r = CorpusSpec.aligned(a, a).open()) {
      assertInstanceOf(AlignedTextReader.class, r);
    }
    try (ParallelCorpusReader r = CorpusSpec.ofFile(tsv, null, null).open()) {
      assertInstanceOf(TsvCorpusReader.class, r);
    }
    try (ParallelCorpusReader r = CorpusSpec.ofFile(tmx, "en", "de").open()) {
      assertInstanceOf(TmxCorpusReader.class, r);
    }
    assertEquals(CorpusFormat.TSV, CorpusSpec.ofFile(Path.of("x.TSV.gz"), null, null).format());
  }

  @Test
  void invalidCombinationsNameTheOptions() {
    Path f = Path.of("f");
    assertEquals("--tgt is required with --src", message(() -> CorpusSpec.aligned(f, null)));
    assertEquals("--src-lang is required with --tmx", message(() -> CorpusSpec.tmx(f, null, "en")));
    assertEquals("--tgt-lang is required with --tmx", message(() -> CorpusSpec.tmx(f, "en", " ")));
    assertEquals("--src-lang and --tgt-lang must differ, both are 'en'",
        message(() -> CorpusSpec.tmx(f, "en", "EN")));
    assertEquals("--tsv takes one file; --tgt is for aligned files",
        message(() -> new CorpusSpec(CorpusFormat.TSV, f, f, 1, 2, null, null)));
    assertEquals("f.txt: cannot tell the corpus format from the name (expected .tsv or .tmx, "
            + "optionally .gz); use --tsv or --tmx",
        message(() -> CorpusSpec.ofFile(Path.of("f.txt"), null, null)));
    assertEquals("corpus format must be one of aligned, tsv, tmx, got 'csv'",
        message(() -> CorpusFormat.fromName("csv")));
    assertEquals(CorpusFormat.TMX, CorpusFormat.fromName(" TMX "));
  }

  @Test
  void describeNamesTheFiles() {
    assertEquals("a.de + a.en", CorpusSpec.aligned(Path.of("a.de"), Path.of("a.en")).describe());
    assertEquals("m.tmx (de -> en)", CorpusSpec.tmx(Path.of("m.tmx"), "de", "en").describe());
  }

  @Test
  void exceptionMessagesAreForcedOntoOneLine() {
    assertEquals("a b c", new CorpusException("a\nb\r\n  c\n").getMessage());
    assertEquals("f:3: bad", CorpusException.at("f", 3, "bad").getMessage());
  }
}
