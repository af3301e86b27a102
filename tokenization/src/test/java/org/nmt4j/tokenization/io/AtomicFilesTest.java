package org.nmt4j.tokenization.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

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

    @Test
    void writeCreatesTheDirectory() throws IOException {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(target, "x");
        assertEquals("x", Files.readString(target));
    }

    @Test
    void staleTemporaryFilesOfAKilledWriteAreRemovedButNothingElse() throws IOException {
        Path stale = Files.writeString(dir.resolve(".model.nmt4j.3f2a9c0d11e4b5a6.tmp"), "half");
        Path kept = Files.writeString(dir.resolve("notes.tmp"), "mine");
        Path hidden = Files.writeString(dir.resolve(".config"), "mine");
        Path inFlight = AtomicFiles.temporarySibling(dir.resolve("log.csv"));
        List<Path> removed = AtomicFiles.removeStale(dir);
        assertEquals(List.of(stale), removed);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(kept) && Files.exists(hidden));
        assertTrue(Files.exists(inFlight), "a write of this JVM still in progress is kept");
        AtomicFiles.discard(inFlight);
        assertFalse(Files.exists(inFlight));
        assertEquals(List.of(), AtomicFiles.removeStale(dir.resolve("missing")));
    }
}
