package org.nmt4j.tokenization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    @TempDir
    Path dir;

    private static Map<String, Long> counts() {
        return Map.of("the", 10L, "cat", 3L, "sat", 3L, "mat", 1L, "a", 3L);
    }

    @Test
    void specialsFirstThenCountDescendingThenToken() {
        Vocabulary v = Vocabulary.build(counts(), 1, Vocabulary.UNLIMITED);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "a", "cat", "sat", "mat"), v.tokens());
        assertEquals(0, Vocabulary.PAD);
        assertEquals(1, Vocabulary.UNK);
        assertEquals(2, Vocabulary.BOS);
        assertEquals(3, Vocabulary.EOS);
        assertEquals("<s>", v.token(Vocabulary.BOS));
        assertEquals(10, v.count(4));
        assertEquals(0, v.count(Vocabulary.PAD));
    }

    @Test
    void minFrequencyAndMaxSizeLimitTheRegularTokens() {
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "a", "cat", "sat"),
                Vocabulary.build(counts(), 2, Vocabulary.UNLIMITED).tokens());
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "a"), Vocabulary.build(counts(), 1, 6).tokens());
        assertEquals(4, Vocabulary.build(counts(), 1, 4).size());
        assertEquals(4, Vocabulary.build(Map.of(), 1, 100).size());
    }

    @Test
    void theSameCountsGiveTheSameIdsWhateverTheMapOrder() {
        Map<String, Long> a = new HashMap<>();
        Map<String, Long> b = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (int i = 0; i < 500; i++) {
            a.put("w" + i, (long) (i % 7));
            b.put("w" + i, (long) (i % 7));
        }
        assertEquals(Vocabulary.build(a, 1, 100), Vocabulary.build(b, 1, 100));
    }

    @Test
    void specialTokensInTheCountsKeepTheirFixedIds() {
        Vocabulary v = Vocabulary.build(Map.of("<unk>", 5L, "x", 2L, "</s>", 9L), 1, Vocabulary.UNLIMITED);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "x"), v.tokens());
        assertEquals(5, v.count(Vocabulary.UNK));
        assertEquals(9, v.count(Vocabulary.EOS));
    }

    @Test
    void encodeMapsUnknownTokensToUnkAndDecodeMapsEveryId() {
        Vocabulary v = Vocabulary.build(counts(), 1, Vocabulary.UNLIMITED);
        assertArrayEquals(new int[] {4, 6, 1}, v.encode(List.of("the", "cat", "dog")));
        assertEquals(List.of("the", "cat", "<unk>", "</s>", "<pad>"), v.decode(new int[] {4, 6, 1, 3, 0}));
        assertEquals(Vocabulary.UNK, v.id("dog"));
        assertTrue(v.contains("mat"));
        assertFalse(v.contains("dog"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {9}));
        assertEquals("token id 9 out of range [0, 9)", e.getMessage());
    }

    @Test
    void sharedVocabularySumsBothSides() {
        Vocabulary v = Vocabulary.buildShared(Map.of("Haus", 2L, "a", 1L), Map.of("house", 3L, "a", 4L), 1,
                Vocabulary.UNLIMITED);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "house", "Haus"), v.tokens());
        assertEquals(5, v.count(4));
    }

    @Test
    void coverageIsTheShareOfRunningTokensKnown() {
        Vocabulary v = Vocabulary.build(Map.of("a", 5L, "b", 1L), 2, Vocabulary.UNLIMITED);
        assertEquals(5.0 / 8.0, v.coverage(Map.of("a", 5L, "b", 1L, "c", 2L)), 1e-12);
        assertEquals(1.0, v.coverage(Map.of()), 0.0);
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        assertEquals("min frequency must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(counts(), 0, 10)).getMessage());
        assertEquals("max vocabulary size must be >= 4 (the special tokens <pad> <unk> <s> </s>), got 3",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(counts(), 1, 3)).getMessage());
        assertEquals("token 'a\\tb' holds a tab or line break",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(Map.of("a\tb", 1L), 1, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(Map.of("x", -1L), 1, 10));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofTokens(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofTokens(List.of("<s>")));
    }

    @Test
    void ofTokensKeepsTheGivenOrder() {
        Vocabulary v = Vocabulary.ofTokens(List.of("z", "y"));
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "z", "y"), v.tokens());
    }

    @Test
    void saveAndLoadRoundTripAtomically() throws IOException {
        Vocabulary v = Vocabulary.build(Map.of("Männer", 3L, "ß", 2L, "\uD83D\uDE00", 1L, "<s>", 4L), 1, 100);
        Path file = dir.resolve("vocab.src.tsv");
        Files.writeString(file, "old content");
        v.save(file);
        assertEquals(v, Vocabulary.load(file));
        assertEquals("<pad>\t0\n<unk>\t0\n<s>\t4\n</s>\t0\nMänner\t3\nß\t2\n\uD83D\uDE00\t1\n",
                Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        StringWriter out = new StringWriter();
        v.write(out);
        assertEquals(v, Vocabulary.read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), "zip:vocab"));
    }

    @Test
    void malformedFilesGiveFileAndLine() throws IOException {
        String head = "<pad>\t0\n<unk>\t0\n<s>\t0\n</s>\t0\n";
        assertLoadError(head + "a\t1\nb 2\n", ":6: no tab; expected token<TAB>count");
        assertLoadError(head + "a\t1\tx\n", ":5: more than one tab; expected token<TAB>count");
        assertLoadError(head + "a\tmany\n", ":5: count 'many' is not a non-negative integer");
        assertLoadError(head + "a\t-1\n", ":5: count '-1' is not a non-negative integer");
        assertLoadError(head + "a\t1\n\tb\n", ":6: empty token");
        assertLoadError(head + "a\t1\n\nb\t1\n", ":6: empty line; expected token<TAB>count");
        assertLoadError(head + "a\t1\nb\t1\na\t0\n", ":7: duplicate token 'a' (first on line 5)");
        assertLoadError("<pad>\t0\n<s>\t0\n<unk>\t0\n</s>\t0\n", ":2: expected special token <unk>, found '<s>'");
        assertLoadError("<pad>\t0\n<unk>\t0\n", ":3: vocabulary ends after 2 lines; expected the special tokens <pad> <unk> <s> </s> first");
        Path file = dir.resolve("bad-utf8.tsv");
        byte[] bytes = (head + "ok\t1\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 5);
        System.arraycopy(new byte[] {'x', (byte) 0xC3, '\t', '1', '\n'}, 0, bad, bytes.length, 5);
        Files.write(file, bad);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> Vocabulary.load(file));
        assertEquals(file + ":6: invalid UTF-8 (byte 0xC3 at byte 2 of the line)", e.getMessage());
        assertEquals(6, e.line());
    }

    private void assertLoadError(String content, String expectedSuffix) throws IOException {
        Path file = dir.resolve("vocab.tsv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> Vocabulary.load(file));
        assertEquals(file + expectedSuffix, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void tokenCountsCount() {
        TokenCounts c = new TokenCounts();
        c.addAll(List.of("a", "b", "a"));
        c.add("c", 5);
        TokenCounts d = new TokenCounts();
        d.add("a");
        d.addAll(c);
        assertEquals(3, d.count("a"));
        assertEquals(0, d.count("z"));
        assertEquals(9, d.total());
        assertEquals(3, d.distinct());
        assertEquals(Map.of("a", 3L, "b", 1L, "c", 5L), d.asMap());
        assertThrows(IllegalArgumentException.class, () -> c.add("x", -1));
    }
}
