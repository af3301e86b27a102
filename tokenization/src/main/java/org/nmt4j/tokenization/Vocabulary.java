package org.nmt4j.tokenization;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.tokenization.io.Utf8LineReader;

/**
 * Token to id mapping. Ids 0-3 are the special tokens {@code <pad> <unk> <s> </s>}; the other
 * tokens follow by count descending, then by token (Java string order), so that the same counts
 * always give the same ids. Immutable and thread-safe.
 *
 * <p>File format: UTF-8, one line per id, {@code token<TAB>count}, the four special tokens
 * first; line {@code n} holds id {@code n - 1}.
 */
public final class Vocabulary {

    /** Id of the padding token. */
    public static final int PAD = 0;
    /** Id of the unknown-token token. */
    public static final int UNK = 1;
    /** Id of the begin-of-sentence token. */
    public static final int BOS = 2;
    /** Id of the end-of-sentence token. */
    public static final int EOS = 3;
    /** Text of {@link #PAD}. */
    public static final String PAD_TOKEN = "<pad>";
    /** Text of {@link #UNK}. */
    public static final String UNK_TOKEN = "<unk>";
    /** Text of {@link #BOS}. */
    public static final String BOS_TOKEN = "<s>";
    /** Text of {@link #EOS}. */
    public static final String EOS_TOKEN = "</s>";
    /** The special tokens, indexed by id. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD_TOKEN, UNK_TOKEN, BOS_TOKEN, EOS_TOKEN);
    /** {@code maxSize} for no size limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final Comparator<Map.Entry<String, Long>> ORDER =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private final String[] tokens;
    private final long[] counts;
    private final Map<String, Integer> ids;

    private Vocabulary(String[] tokens, long[] counts) {
        this.tokens = tokens;
        this.counts = counts;
        this.ids = new HashMap<>(tokens.length * 2);
        for (int i = 0; i < tokens.length; i++) {
            ids.put(tokens[i], i);
        }
    }

    /**
     * Builds a vocabulary from token counts.
     *
     * @param counts token to number of occurrences; the special tokens' strings, if present,
     *     only set the specials' counts
     * @param minFrequency keep tokens occurring at least this often, >= 1
     * @param maxSize at most this many entries in all, specials included, >= 4 ({@link
     *     #UNLIMITED} for no limit); the most frequent tokens are kept
     * @return the vocabulary
     * @throws IllegalArgumentException for a bad limit, a negative count, or a token that is
     *     empty or holds a tab or line break (it could not be saved)
     */
    public static Vocabulary build(Map<String, Long> counts, int minFrequency, int maxSize) {
        Objects.requireNonNull(counts, "counts");
        if (minFrequency < 1) {
            throw new IllegalArgumentException("min frequency must be >= 1, got " + minFrequency);
        }
        if (maxSize < SPECIAL_TOKENS.size()) {
            throw new IllegalArgumentException("max vocabulary size must be >= " + SPECIAL_TOKENS.size()
                    + " (the special tokens " + String.join(" ", SPECIAL_TOKENS) + "), got " + maxSize);
        }
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            checkToken(e.getKey());
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("count of token '" + e.getKey() + "' must be >= 0, got " + e.getValue());
            }
            if (e.getValue() >= minFrequency && !SPECIAL_TOKENS.contains(e.getKey())) {
                kept.add(e);
            }
        }
        kept.sort(ORDER);
        int size = (int) Math.min((long) SPECIAL_TOKENS.size() + kept.size(), maxSize);
        String[] tokens = new String[size];
        long[] tokenCounts = new long[size];
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
            tokens[i] = SPECIAL_TOKENS.get(i);
            tokenCounts[i] = counts.getOrDefault(tokens[i], 0L);
        }
        for (int i = SPECIAL_TOKENS.size(); i < size; i++) {
            Map.Entry<String, Long> e = kept.get(i - SPECIAL_TOKENS.size());
            tokens[i] = e.getKey();
            tokenCounts[i] = e.getValue();
        }
        return new Vocabulary(tokens, tokenCounts);
    }

    /**
     * Builds one vocabulary for both sides of a corpus (for shared embeddings, or when the two
     * languages share many words or subwords): counts are summed, then {@link #build} applies.
     *
     * @param source source-side token counts
     * @param target target-side token counts
     * @param minFrequency keep tokens whose summed count is at least this, >= 1
     * @param maxSize at most this many entries in all, specials included, >= 4
     * @return the shared vocabulary
     */
    public static Vocabulary buildShared(Map<String, Long> source, Map<String, Long> target, int minFrequency,
            int maxSize) {
        Map<String, Long> sum = new HashMap<>(source);
        target.forEach((token, n) -> sum.merge(token, n, Long::sum));
        return build(sum, minFrequency, maxSize);
    }

    /**
     * A vocabulary of given tokens in the given order after the specials, with zero counts (for
     * toy tasks whose symbols are known in advance).
     *
     * @param regularTokens distinct tokens, none of them a special token
     * @return the vocabulary
     */
    public static Vocabulary ofTokens(List<String> regularTokens) {
        String[] tokens = new String[SPECIAL_TOKENS.size() + regularTokens.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = i < SPECIAL_TOKENS.size() ? SPECIAL_TOKENS.get(i) : regularTokens.get(i - SPECIAL_TOKENS.size());
            checkToken(tokens[i]);
        }
        Vocabulary v = new Vocabulary(tokens, new long[tokens.length]);
        if (v.ids.size() != tokens.length) {
            throw new IllegalArgumentException("tokens must be distinct and not special tokens: " + regularTokens);
        }
        return v;
    }

    private static void checkToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty token in token counts");
        }
        if (token.indexOf('\t') >= 0 || token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("token '" + token.replace("\t", "\\t").replace("\n", "\\n")
                    .replace("\r", "\\r") + "' holds a tab or line break");
        }
    }

    /** @return the number of entries, specials included */
    public int size() {
        return tokens.length;
    }

    /**
     * @param token a token
     * @return its id, or {@link #UNK} when it is not in the vocabulary
     */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNK : id;
    }

    /**
     * @param token a token
     * @return whether it has its own id
     */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /**
     * @param id an id in {@code [0, size())}
     * @return its token
     */
    public String token(int id) {
        checkId(id);
        return tokens[id];
    }

    /**
     * @param id an id in {@code [0, size())}
     * @return the count the token was built with (0 for a special token absent from the counts)
     */
    public long count(int id) {
        checkId(id);
        return counts[id];
    }

    private void checkId(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IllegalArgumentException("token id " + id + " out of range [0, " + tokens.length + ")");
        }
    }

    /** @return all tokens, indexed by id */
    public List<String> tokens() {
        return List.of(tokens);
    }

    /**
     * @param sentence tokens
     * @return their ids, [length], unknown tokens as {@link #UNK}; no {@code <s>} or {@code </s>}
     *     is added
     */
    public int[] encode(List<String> sentence) {
        int[] out = new int[sentence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(sentence.get(i));
        }
        return out;
    }

    /**
     * @param ids ids, [length]; every id maps to its token, specials included, nothing is
     *     stopped at or removed
     * @return the tokens
     * @throws IllegalArgumentException for an id out of range
     */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(token(id));
        }
        return out;
    }

    /**
     * @param counts token counts of some text
     * @return the share of its running tokens that have their own id (1.0 for no tokens)
     */
    public double coverage(Map<String, Long> counts) {
        long total = 0;
        long known = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            total += e.getValue();
            if (ids.containsKey(e.getKey())) {
                known += e.getValue();
            }
        }
        return total == 0 ? 1.0 : (double) known / total;
    }

    /**
     * Saves as UTF-8 {@code token<TAB>count} lines, atomically (temporary file, then rename).
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
     * @param out receives UTF-8 text or chars; not closed
     * @throws IOException when writing fails
     */
    public void write(Writer out) throws IOException {
        for (int i = 0; i < tokens.length; i++) {
            out.write(tokens[i]);
            out.write('\t');
            out.write(Long.toString(counts[i]));
            out.write('\n');
        }
        out.flush();
    }

    /**
     * @param file a file written by {@link #save(Path)}
     * @return the vocabulary, ids in line order
     * @throws MalformedFileException with {@code FILE:LINE: problem} for a bad line
     * @throws IOException when the file cannot be read
     */
    public static Vocabulary load(Path file) throws IOException {
        return parse(Utf8LineReader.readAllChecked(file), file.toString());
    }

    /**
     * @param in the file format as UTF-8 bytes, read to its end (not closed)
     * @param name the name to report in errors, e.g. a zip entry's name
     * @return the vocabulary
     * @throws MalformedFileException with {@code NAME:LINE: problem} for a bad line
     * @throws IOException when the stream cannot be read
     */
    public static Vocabulary read(InputStream in, String name) throws IOException {
        return parse(Utf8LineReader.readAllChecked(in, name), name);
    }

    private static Vocabulary parse(List<String> lines, String name) throws MalformedFileException {
        if (lines.size() < SPECIAL_TOKENS.size()) {
            throw new MalformedFileException(name, lines.size() + 1, "vocabulary ends after " + lines.size()
                    + " lines; expected the special tokens " + String.join(" ", SPECIAL_TOKENS) + " first");
        }
        String[] tokens = new String[lines.size()];
        long[] counts = new long[lines.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            int tab = line.indexOf('\t');
            if (line.isEmpty()) {
                throw new MalformedFileException(name, lineNumber, "empty line; expected token<TAB>count");
            }
            if (tab < 0) {
                throw new MalformedFileException(name, lineNumber, "no tab; expected token<TAB>count");
            }
            if (line.indexOf('\t', tab + 1) >= 0) {
                throw new MalformedFileException(name, lineNumber, "more than one tab; expected token<TAB>count");
            }
            String token = line.substring(0, tab);
            String count = line.substring(tab + 1);
            if (token.isEmpty()) {
                throw new MalformedFileException(name, lineNumber, "empty token");
            }
            counts[i] = parseCount(count, name, lineNumber);
            if (i < SPECIAL_TOKENS.size() && !token.equals(SPECIAL_TOKENS.get(i))) {
                throw new MalformedFileException(name, lineNumber, "expected special token " + SPECIAL_TOKENS.get(i)
                        + ", found '" + token + "'");
            }
            Integer first = seen.putIfAbsent(token, lineNumber);
            if (first != null) {
                throw new MalformedFileException(name, lineNumber, "duplicate token '" + token + "' (first on line "
                        + first + ")");
            }
            tokens[i] = token;
        }
        return new Vocabulary(tokens, counts);
    }

    private static long parseCount(String count, String name, int lineNumber) throws MalformedFileException {
        boolean digits = !count.isEmpty() && count.length() <= 18;
        for (int j = 0; j < count.length() && digits; j++) {
            digits = count.charAt(j) >= '0' && count.charAt(j) <= '9';
        }
        if (!digits) {
            throw new MalformedFileException(name, lineNumber, "count '" + count + "' is not a non-negative integer");
        }
        return Long.parseLong(count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(tokens, v.tokens) && Arrays.equals(counts, v.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + tokens.length + "]";
    }
}
