package org.nmt4j.tokenization.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a text file so that readers see either the old file or the complete new one. */
public final class AtomicFiles {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Writes text to a writer; the writer is closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface TextWriter {
        /**
         * @param out UTF-8 writer of the temporary file
         * @throws IOException when writing fails
         */
        void write(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Creates an empty temporary file next to {@code target}. Not {@code Files.createTempFile}:
     * its owner-only permissions would carry over to the result file.
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
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Writes UTF-8 text to a temporary file in the target's directory, then renames it over the
     * target ({@code ATOMIC_MOVE}, {@code REPLACE_EXISTING}). On failure the temporary file is
     * deleted and the target left as it was.
     *
     * @param target the file to create or replace; its directory must exist
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

    /** Writes a file's bytes to a stream (the caller closes the stream). */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * Writes the whole content.
         *
         * @param out the temporary file's stream
         * @throws IOException when writing fails
         */
        void write(java.io.OutputStream out) throws IOException;
    }

    /**
     * Writes bytes to a temporary file in the target's directory, then renames it over the target
     * ({@code ATOMIC_MOVE}, {@code REPLACE_EXISTING}). On failure the temporary file is deleted
     * and the target left as it was.
     *
     * @param target the file to create or replace; its directory must exist
     * @param content writes the bytes
     * @throws IOException when writing or renaming fails
     */
    public static void write(Path target, StreamWriter content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path tmp = temporarySibling(absolute);
        boolean moved = false;
        try {
            try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
                content.write(out);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
