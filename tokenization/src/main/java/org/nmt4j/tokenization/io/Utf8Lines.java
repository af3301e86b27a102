package org.nmt4j.tokenization.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.tokenization.MalformedFileException;

/**
 * Reads a small text file as strict UTF-8 lines, so that an encoding error is reported at its
 * exact line ({@code FILE:LINE: invalid UTF-8}); a stream decoder reads ahead and cannot say
 * which line failed. Lines end at {@code \n}; a final line break is optional; a carriage
 * return is reported, not stripped.
 */
public final class Utf8Lines {

    private Utf8Lines() {
    }

    /**
     * @param file a UTF-8 text file
     * @return its lines, without line breaks
     * @throws MalformedFileException for invalid UTF-8 or a carriage return, at its line
     * @throws IOException when the file cannot be read
     */
    public static List<String> read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * @param in a UTF-8 text stream, read to its end (not closed)
     * @param name the name to report in errors, e.g. a zip entry's name
     * @return its lines, without line breaks
     * @throws MalformedFileException for invalid UTF-8 or a carriage return, at its line
     * @throws IOException when the stream cannot be read
     */
    public static List<String> read(InputStream in, String name) throws IOException {
        return decode(in.readAllBytes(), name);
    }

    private static List<String> decode(byte[] bytes, String name) throws MalformedFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        int lineNumber = 1;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end > start && bytes[end - 1] == '\r') {
                throw new MalformedFileException(name, lineNumber,
                        "line ends with a carriage return (Windows line ending); expected \\n only");
            }
            try {
                lines.add(decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
            } catch (CharacterCodingException e) {
                throw new MalformedFileException(name, lineNumber, "invalid UTF-8");
            }
            start = end + 1;
            lineNumber++;
        }
        return lines;
    }
}
