package org.nmt4j.tokenization.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.tokenization.MalformedFileException;

class Utf8LinesTest {

    @TempDir
    Path dir;

    @Test
    void readsLinesWithOrWithoutAFinalBreak() throws IOException {
        assertEquals(List.of("a", "ß", ""), read("a\nß\n\n"));
        assertEquals(List.of("a", "b"), read("a\nb"));
        assertEquals(List.of(), read(""));
    }

    @Test
    void reportsTheLineOfAnInvalidByte() {
        byte[] bytes = {'o', 'k', '\n', 'o', 'k', '\n', 'b', (byte) 0xFF, 'd', '\n'};
        MalformedFileException e = assertThrows(MalformedFileException.class,
                () -> Utf8Lines.read(new ByteArrayInputStream(bytes), "train.de"));
        assertEquals("train.de:3: invalid UTF-8", e.getMessage());
        assertEquals("train.de", e.file());
    }

    @Test
    void reportsCarriageReturns() {
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> read("a\r\nb\n"));
        assertEquals(1, e.line());
    }

    @Test
    void atomicWriteLeavesTheTargetAloneWhenWritingFails() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "before");
        assertThrows(IOException.class, () -> AtomicFiles.writeUtf8(target, out -> {
            out.write("half");
            throw new IOException("disk full");
        }));
        assertEquals("before", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        AtomicFiles.writeUtf8(target, out -> out.write("after ß"));
        assertEquals("after ß", Files.readString(target, StandardCharsets.UTF_8));
    }

    private List<String> read(String content) throws IOException {
        Path file = dir.resolve("f.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return Utf8Lines.read(file);
    }
}
