package org.nmt4j.tokenization;

import java.io.IOException;

/**
 * A vocabulary or merges file that cannot be read as one. The message is one line, {@code
 * FILE:LINE: what is wrong}, fit to show a user as it is.
 */
public class MalformedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file the file's name or path as the user gave it
     * @param line 1-based line number, or 0 when the problem is the file as a whole
     * @param problem what is wrong, without the location
     */
    public MalformedFileException(String file, int line, String problem) {
        super((line > 0 ? file + ":" + line : file) + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** @return the file's name or path */
    public String file() {
        return file;
    }

    /** @return the 1-based line number, or 0 for the file as a whole */
    public int line() {
        return line;
    }
}
