package org.nmt4j.tokenization.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one way nmt4j writes a file: readers see either the old file or the complete new one.
 *
 * <p>The content goes to a temporary sibling {@code .NAME.<16 hex>.tmp} in the target's
 * directory, which is flushed to disk ({@code fsync}), renamed over the target in one step
 * ({@code ATOMIC_MOVE}), and then the directory is flushed too where the platform allows it, so
 * that the rename survives a power cut. On failure the temporary file is deleted and the target
 * left as it was. Temporary files still being written when the JVM is interrupted (Ctrl-C,
 * {@code SIGTERM}) are deleted by a shutdown hook; a {@code kill -9} cannot run one, so the next
 * run removes them with {@link #removeStale(Path)}.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Names of the temporary files this class makes: {@code .NAME.<16 hex digits>.tmp}. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");

    /** Temporary files being written now, deleted if the JVM is interrupted. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    /**
     * Guards {@link #shuttingDown} with the creation of temporary files: other threads go on
     * running while shutdown hooks run, and a file created after the hook's sweep would be left.
     */
    private static final Object SHUTDOWN_LOCK = new Object();

    private static boolean shuttingDown;

    static {
        Thread hook = new Thread(() -> {
            synchronized (SHUTDOWN_LOCK) {
                shuttingDown = true;
            }
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort while the JVM goes down; the next start removes it
                }
            }
        }, "nmt4j-remove-partial-files");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // already shutting down, or not allowed: stale files are removed on the next start
        }
    }

    /** Writes text to a writer; the writer is closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface TextWriter {
        /**
         * @param out UTF-8 writer of the temporary file
         * @throws IOException when writing fails
         */
        void write(Writer out) throws IOException;
    }

    /** Writes a file's bytes to a stream (the caller closes the stream). */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * Writes the whole content.
         *
         * @param out the temporary file's stream
         * @throws IOException when writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Creates an empty temporary file next to {@code target}, to be given to {@link #commit} or
     * {@link #discard}. Not {@code Files.createTempFile}: its owner-only permissions would carry
     * over to the result file.
     *
     * @param target the file the temporary one will be renamed to
     * @return the new, empty temporary file
     * @throws IOException when it cannot be created
     */
    public static Path temporarySibling(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        String prefix = "." + absolute.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = absolute.resolveSibling(prefix + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                synchronized (SHUTDOWN_LOCK) {
                    if (shuttingDown) {
                        throw new IOException("not writing " + target + ": shutting down");
                    }
                    Path created = Files.createFile(tmp);
                    IN_FLIGHT.add(created);
                    return created;
                }
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Opens a file from {@link #temporarySibling} for writing, without creating it again: if the
     * shutdown hook has already removed it, the write fails instead of leaving a new partial file.
     *
     * @param temporary a file from {@link #temporarySibling}
     * @return a stream that truncates and writes it
     * @throws IOException when it is gone or cannot be opened
     */
    public static OutputStream openTemporary(Path temporary) throws IOException {
        return Files.newOutputStream(temporary, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Moves a finished temporary file over its target: fsync of the file, atomic rename, fsync of
     * the directory (where supported).
     *
     * @param temporary a file from {@link #temporarySibling}, completely written and closed
     * @param target the file to create or replace
     * @throws IOException when syncing or renaming fails (the temporary file is then kept for
     *     the caller to {@link #discard})
     */
    public static void commit(Path temporary, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temporary, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        IN_FLIGHT.remove(temporary);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Deletes a temporary file that will not be committed.
     *
     * @param temporary a file from {@link #temporarySibling} (may be gone already)
     */
    public static void discard(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // left behind; removeStale deletes it on the next start
        }
        IN_FLIGHT.remove(temporary);
    }

    /**
     * Writes bytes to a temporary file in the target's directory (created if missing), then
     * commits it over the target.
     *
     * @param target the file to create or replace
     * @param content writes the bytes
     * @throws IOException when writing or renaming fails; the target is then unchanged
     */
    public static void write(Path target, StreamWriter content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = temporarySibling(absolute);
        boolean moved = false;
        try {
            try (OutputStream out = openTemporary(tmp)) {
                content.write(out);
            }
            commit(tmp, absolute);
            moved = true;
        } finally {
            if (!moved) {
                discard(tmp);
            }
        }
    }

    /**
     * Writes UTF-8 text atomically (see {@link #write(Path, StreamWriter)}).
     *
     * @param target the file to create or replace
     * @param content writes the text
     * @throws IOException when writing or renaming fails
     */
    public static void writeUtf8(Path target, TextWriter content) throws IOException {
        write(target, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            content.write(out);
            out.flush();
        });
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the file to create or replace
     * @param content the bytes
     * @throws IOException when writing or renaming fails
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Writes a string as UTF-8 atomically.
     *
     * @param target the file to create or replace
     * @param content the text
     * @throws IOException when writing or renaming fails
     */
    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #writeString} for callers that cannot throw checked exceptions.
     *
     * @param target the file to create or replace
     * @param content the text
     * @throws UncheckedIOException naming the file when writing fails
     */
    public static void writeStringUnchecked(Path target, String content) {
        try {
            writeString(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the temporary files that an interrupted write (e.g. {@code kill -9}) left in a
     * directory. Call it when a run starts, before writing there.
     *
     * @param dir a directory (nothing happens if it does not exist)
     * @return the files deleted
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> removeStale(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                if (TEMPORARY.matcher(f.getFileName().toString()).matches()
                        && !IN_FLIGHT.contains(f.toAbsolutePath()) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    removed.add(f);
                }
            }
        }
        return removed;
    }

    /** Flushes a directory's entries to disk; a no-op where directories cannot be opened. */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows cannot open a directory; the file itself is already on disk
        }
    }
}
