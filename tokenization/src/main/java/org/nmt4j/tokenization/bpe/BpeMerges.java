package org.nmt4j.tokenization.bpe;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nmt4j.tokenization.MalformedFileException;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.tokenization.io.Utf8LineReader;

/**
 * An ordered list of BPE merge operations, earliest (most frequent when learned) first; a
 * merge's position is its rank. Immutable and thread-safe.
 *
 * <p>Symbols are characters or merged character sequences; the last symbol of a word carries
 * the end-of-word marker {@value #END_OF_WORD}, so that a merge can be specific to word ends.
 * File format: subword-nmt's (version 0.2): UTF-8, an optional first line {@value #HEADER},
 * then one merge per line, {@code left right}, separated by one space. Files written by
 * subword-nmt's {@code learn_bpe.py} load as they are.
 */
public final class BpeMerges {

    /** Marker appended to the last symbol of every word. */
    public static final String END_OF_WORD = "</w>";
    /** First line of a merges file. */
    public static final String HEADER = "#version: 0.2";

    /**
     * One merge operation: the adjacent symbols {@code left right} become {@code left + right}.
     *
     * @param left the first symbol, non-empty, without whitespace
     * @param right the second symbol, non-empty, without whitespace
     */
    public record Merge(String left, String right) {

        /**
         * Validates the symbols.
         *
         * @param left the first symbol
         * @param right the second symbol
         */
        public Merge {
            checkSymbol(left);
            checkSymbol(right);
        }

        /** @return the merged symbol */
        public String merged() {
            return left + right;
        }

        @Override
        public String toString() {
            return left + " " + right;
        }
    }

    private final List<Merge> merges;
    private final Map<String, Integer> ranks;

    /**
     * @param merges merge operations in rank order, no two the same
     * @throws IllegalArgumentException for a repeated merge
     */
    public BpeMerges(List<Merge> merges) {
        this.merges = List.copyOf(merges);
        this.ranks = new HashMap<>(this.merges.size() * 2);
        for (int i = 0; i < this.merges.size(); i++) {
            Merge m = this.merges.get(i);
            Integer first = ranks.putIfAbsent(key(m.left(), m.right()), i);
            if (first != null) {
                throw new IllegalArgumentException("merge '" + m + "' repeated at ranks " + first + " and " + i);
            }
        }
    }

    private static void checkSymbol(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("empty BPE symbol");
        }
        for (int i = 0; i < symbol.length(); i++) {
            if (Character.isWhitespace(symbol.charAt(i))) {
                throw new IllegalArgumentException("BPE symbol '" + symbol + "' holds whitespace");
            }
        }
    }

    private static String key(String left, String right) {
        return left + ' ' + right;
    }

    /** @return the number of merges */
    public int size() {
        return merges.size();
    }

    /** @return the merges in rank order */
    public List<Merge> list() {
        return merges;
    }

    /**
     * @param left a symbol
     * @param right the symbol after it
     * @return the rank of merging them, or -1 when they are never merged
     */
    public int rank(String left, String right) {
        Integer rank = ranks.get(key(left, right));
        return rank == null ? -1 : rank;
    }

    /**
     * Saves in the subword-nmt format, atomically (temporary file, then rename).
     *
     * @param file target file; its directory must exist
     * @throws IOException when writing fails
     */
    public void save(Path file) throws IOException {
        AtomicFiles.writeUtf8(file, this::write);
    }

    /**
     * Writes the file format to a writer (for example a model zip entry).
     *
     * @param out receives the text; not closed
     * @throws IOException when writing fails
     */
    public void write(Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (Merge m : merges) {
            out.write(m.left());
            out.write(' ');
            out.write(m.right());
            out.write('\n');
        }
        out.flush();
    }

    /**
     * @param file a merges file
     * @return the merges, ranked in line order
     * @throws MalformedFileException with {@code FILE:LINE: problem} for a bad line
     * @throws IOException when the file cannot be read
     */
    public static BpeMerges load(Path file) throws IOException {
        return parse(Utf8LineReader.readAllChecked(file), file.toString());
    }

    /**
     * @param in the file format as UTF-8 bytes, read to its end (not closed)
     * @param name the name to report in errors, e.g. a zip entry's name
     * @return the merges
     * @throws MalformedFileException with {@code NAME:LINE: problem} for a bad line
     * @throws IOException when the stream cannot be read
     */
    public static BpeMerges read(InputStream in, String name) throws IOException {
        return parse(Utf8LineReader.readAllChecked(in, name), name);
    }

    private static BpeMerges parse(List<String> lines, String name) throws MalformedFileException {
        List<Merge> merges = new ArrayList<>(lines.size());
        Map<String, Integer> seen = new HashMap<>(lines.size() * 2);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (i == 0 && line.startsWith("#version")) {
                if (!line.equals(HEADER)) {
                    throw new MalformedFileException(name, lineNumber, "unsupported merges format '" + line
                            + "', expected '" + HEADER + "'");
                }
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                throw new MalformedFileException(name, lineNumber,
                        "expected two symbols separated by one space, found '" + line + "'");
            }
            String left = line.substring(0, space);
            String right = line.substring(space + 1);
            for (int j = 0; j < line.length(); j++) {
                if (line.charAt(j) != ' ' && Character.isWhitespace(line.charAt(j))) {
                    throw new MalformedFileException(name, lineNumber, "whitespace other than one space in '"
                            + line.replace("\t", "\\t") + "'");
                }
            }
            Integer first = seen.putIfAbsent(line, lineNumber);
            if (first != null) {
                throw new MalformedFileException(name, lineNumber, "duplicate merge '" + line + "' (first on line "
                        + first + ")");
            }
            merges.add(new Merge(left, right));
        }
        return new BpeMerges(merges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BpeMerges b && merges.equals(b.merges);
    }

    @Override
    public int hashCode() {
        return merges.hashCode();
    }

    @Override
    public String toString() {
        return "BpeMerges[" + merges.size() + " merges]";
    }
}
