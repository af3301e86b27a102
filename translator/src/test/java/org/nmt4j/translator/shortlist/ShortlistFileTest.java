package org.nmt4j.translator.shortlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.tokenization.Vocabulary;

/** A shortlist written by token and read back as ids, a batch's columns, and bad files. */
class ShortlistFileTest {
  @TempDir Path tmp;

  static final Vocabulary SOURCE = Vocabulary.ofTokens(List.of("hund", "katze", "rot"));
  static final Vocabulary TARGET = Vocabulary.ofTokens(List.of("dog", "cat", "red", "the", "a"));

  @Test
  void writtenShortlistReadsBackAndListsEachBatchsTranslations() throws Exception {
    int hund = SOURCE.id("hund");
    int katze = SOURCE.id("katze");
    int rot = SOURCE.id("rot");
    int dog = TARGET.id("dog");
    int cat = TARGET.id("cat");
    int red = TARGET.id("red");
    int the = TARGET.id("the");
    List<int[]> src = List.of(new int[] {hund}, new int[] {katze, rot}, new int[] {rot, hund});
    List<int[]> tgt = List.of(new int[] {the, dog}, new int[] {the, red, cat},
        new int[] {red, dog, the});
    IbmModel1 model = IbmModel1.train(src, tgt, SOURCE.size(), TARGET.size(), 5);
    long[] counts = new long[TARGET.size()];
    tgt.forEach(t -> {
      for (int id : t) {
        counts[id]++;
      }
    });
    Path file = tmp.resolve("sl.tsv");
    ShortlistFile.write(file, model, counts, 1, 1, SOURCE, TARGET);
    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.get(0).startsWith("# nmt4j shortlist"), lines.get(0));
    assertEquals("\tthe\t3", lines.get(1));
    assertTrue(lines.contains("hund\tdog\t" + lines.stream().filter(l -> l.startsWith("hund\t"))
        .findFirst().orElseThrow().split("\t")[2]), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("katze\tcat\t")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("rot\tred\t")), lines.toString());

    Shortlist shortlist = ShortlistFile.read(file, SOURCE, TARGET);
    assertArrayEquals(new int[] {Vocabulary.UNK, Vocabulary.EOS, the}, shortlist.always());
    assertArrayEquals(new int[] {dog}, shortlist.translations(hund));
    SourceBatch batch = new SourceBatch(new int[][] {{katze, hund}, {rot, 0}}, new int[] {1, 1},
        new long[2]);
    // hund is beyond row 0's length: not listed
    assertArrayEquals(sorted(Vocabulary.UNK, Vocabulary.EOS, the, cat, red),
        shortlist.columns(batch));
  }

  @Test
  void badFilesNameTheFileAndLine() throws Exception {
    Path file = tmp.resolve("bad.tsv");
    Files.writeString(file, "# c\n\tthe\t3\nhund\tdog\n", StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShortlistFile.read(file, SOURCE, TARGET));
    assertTrue(e.getMessage().startsWith(file + ":3: expected 3 tab-separated"), e.getMessage());
    Files.writeString(file, "\tthe\t3\npferd\tdog\t0.9\n", StandardCharsets.UTF_8);
    e = assertThrows(IllegalArgumentException.class,
        () -> ShortlistFile.read(file, SOURCE, TARGET));
    assertEquals(file + ":2: source token 'pferd' is not in the model's source vocabulary"
        + " (a shortlist built for another model?)", e.getMessage());
    Files.writeString(file, "# only a comment\n", StandardCharsets.UTF_8);
    e = assertThrows(IllegalArgumentException.class,
        () -> ShortlistFile.read(file, SOURCE, TARGET));
    assertEquals(file + ": no shortlist entries", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  private static int[] sorted(int... ids) {
    return java.util.Arrays.stream(ids).sorted().toArray();
  }
}
