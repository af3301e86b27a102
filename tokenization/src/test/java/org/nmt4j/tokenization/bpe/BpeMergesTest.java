package org.nmt4j.tokenization.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.tokenization.MalformedFileException;

class BpeMergesTest {

    @TempDir
    Path dir;

    @Test
    void ranksFollowTheOrder() {
        BpeMerges m = new BpeMerges(List.of(new BpeMerges.Merge("e", "s"), new BpeMerges.Merge("es", "t</w>")));
        assertEquals(0, m.rank("e", "s"));
        assertEquals(1, m.rank("es", "t</w>"));
        assertEquals(-1, m.rank("s", "e"));
        assertEquals("est</w>", m.list().get(1).merged());
        assertThrows(IllegalArgumentException.class,
                () -> new BpeMerges(List.of(new BpeMerges.Merge("a", "b"), new BpeMerges.Merge("a", "b"))));
        assertThrows(IllegalArgumentException.class, () -> new BpeMerges.Merge("a b", "c"));
        assertThrows(IllegalArgumentException.class, () -> new BpeMerges.Merge("", "c"));
    }

    @Test
    void saveAndLoadRoundTripInSubwordNmtFormat() throws IOException {
        BpeMerges m = new BpeLearner().learn(Map.of("Männer", 4L, "Männchen", 3L, "\uD83D\uDE00\uD83D\uDE00", 2L), 20);
        Path file = dir.resolve("merges.txt");
        m.save(file);
        assertEquals(m, BpeMerges.load(file));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals("#version: 0.2\n", text.substring(0, 14));
        assertEquals(m.size() + 1, text.split("\n").length);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        StringWriter out = new StringWriter();
        m.write(out);
        assertEquals(m, BpeMerges.read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), "zip:bpe"));
    }

    @Test
    void loadsFilesWithoutTheHeader() throws IOException {
        Path file = dir.resolve("codes");
        Files.writeString(file, "e s\nes t</w>\n");
        assertEquals(List.of("e s", "es t</w>"), BpeMerges.load(file).list().stream().map(Object::toString).toList());
    }

    @Test
    void malformedFilesGiveFileAndLine() throws IOException {
        assertLoadError("#version: 0.2\ne s\nest\n", ":3: expected two symbols separated by one space, found 'est'");
        assertLoadError("e s\na b c\n", ":2: expected two symbols separated by one space, found 'a b c'");
        assertLoadError("e s\na  b\n", ":2: expected two symbols separated by one space, found 'a  b'");
        assertLoadError("e s\n\n", ":2: expected two symbols separated by one space, found ''");
        assertLoadError("e s\na\tb c\n", ":2: whitespace other than one space in 'a\\tb c'");
        assertLoadError("e s\nt h\ne s\n", ":3: duplicate merge 'e s' (first on line 1)");
        assertLoadError("#version: 0.1\ne s\n", ":1: unsupported merges format '#version: 0.1', expected '#version: 0.2'");
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'e', ' ', 's', '\n', (byte) 0xE2, (byte) 0x82, ' ', 'x', '\n'});
        assertEquals(file + ":2: invalid UTF-8 (byte 0xE2 at byte 1 of the line)",
                assertThrows(MalformedFileException.class, () -> BpeMerges.load(file)).getMessage());
    }

    private void assertLoadError(String content, String expectedSuffix) throws IOException {
        Path file = dir.resolve("merges.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> BpeMerges.load(file));
        assertEquals(file + expectedSuffix, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
