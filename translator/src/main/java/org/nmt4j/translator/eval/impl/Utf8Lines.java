package org.nmt4j.translator.eval.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file (plain, or gzip when the name ends in {@code .gz}) as strict UTF-8 lines.
 *
 * <p>Lines end at {@code \n} only, as sacreBLEU opens files ({@code newline="\n"}), so a
 * {@code \r} stays in the line for the caller to strip. A final line without {@code \n} counts;
 * an empty file has no lines. Invalid UTF-8 is an error naming the file and line, never replaced.
 */
public final class Utf8Lines {

    private Utf8Lines() {
    }

    /**
     * Reads all lines of a file.
     *
     * @param file the file to read
     * @return its lines without the {@code \n}
     * @throws IOException              if the file cannot be read; a missing file gives a
     *                                  {@link NoSuchFileException} whose message names it
     * @throws IllegalArgumentException {@code file:line: invalid UTF-8} on malformed input
     */
    public static List<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        byte[] bytes;
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = Files.readAllBytes(file);
        }
        String text = decode(file, bytes);
        List<String> lines = new ArrayList<>();
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            lines.add(text.substring(start, newline));
            start = newline + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IllegalArgumentException(file + ":" + lineOf(bytes, in.position()) + ": invalid UTF-8");
        }
        if (result.isOverflow()) {
            // Cannot happen: UTF-8 never yields more UTF-16 units than bytes.
            throw new IllegalStateException(file + ": decoder overflow");
        }
        out.flip();
        return out.toString();
    }

    private static int lineOf(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
