package org.nmt4j.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.nmt4j.corpora.TestFiles.assertCorpusError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignedCorpusWriterTest {

  @TempDir Path dir;

  private long filesIn(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }

  @Test
  void commitMovesBothFilesIntoPlace() throws IOException {
    try (AlignedCorpusWriter w = new AlignedCorpusWriter(dir, "train")) {
      w.write("Grüße", "greetings");
      w.write(new SentencePair("", "empty", "x", 1));
      assertFalse(Files.exists(dir.resolve("train.src")), "nothing final before commit");
      w.commit();
      assertEquals(2, w.lines());
    }
    assertEquals(List.of("Grüße", ""), Files.readAllLines(dir.resolve("train.src"), StandardCharsets.UTF_8));
    assertEquals(List.of("greetings", "empty"), Files.readAllLines(dir.resolve("train.tgt"), StandardCharsets.UTF_8));
    assertEquals(2, filesIn(dir));
  }

  @Test
  void closingWithoutCommitLeavesNothing() throws IOException {
    try (AlignedCorpusWriter w = new AlignedCorpusWriter(dir, "valid")) {
      w.write("a", "b");
    }
    assertEquals(0, filesIn(dir));
  }

  @Test
  void lineBreaksAreNotRepairedButReported() {
    try (AlignedCorpusWriter w = new AlignedCorpusWriter(dir, "test")) {
      assertCorpusError("m.tmx:12: sentence contains a line break and cannot be written as one "
              + "line of test.src/test.tgt",
          () -> w.write(new SentencePair("two\nlines", "x", "m.tmx", 12)));
    }
  }

  @Test
  void gzippedOutputReadsBackThroughTheCorpusReaders() throws IOException {
    try (AlignedCorpusWriter w = new AlignedCorpusWriter(dir, "train", true)) {
      w.write("Grüße", "greetings");
      w.write("zwei", "two");
      w.commit();
    }
    assertEquals(2, filesIn(dir));
    List<SentencePair> back = TestFiles.readAll(
        CorpusSpec.aligned(dir.resolve("train.src.gz"), dir.resolve("train.tgt.gz")).open());
    assertEquals("Grüße", back.get(0).source());
    assertEquals("two", back.get(1).target());
  }
}
