package org.nmt4j.translator.eval;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Scores a hypothesis file against one reference file, as {@code sacrebleu REF -i HYP} does.
 * To compute both metrics from one read, use {@link AlignedLines#read} and the metrics directly.
 */
public final class FileScorer {

    private FileScorer() {
    }

    /**
     * Corpus BLEU of a hypothesis file.
     *
     * @param hypothesisFile system output, UTF-8, one segment per line
     * @param referenceFile  reference, UTF-8, same number of lines
     * @param options        BLEU options
     * @return the corpus score
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException one-line message on invalid UTF-8 or differing line counts
     */
    public static BleuScore bleu(Path hypothesisFile, Path referenceFile, BleuOptions options) throws IOException {
        AlignedLines lines = AlignedLines.read(hypothesisFile, referenceFile);
        return new Bleu(options).corpusScore(lines.hypotheses(), lines.referenceStreams());
    }

    /**
     * Corpus chrF of a hypothesis file.
     *
     * @param hypothesisFile system output, UTF-8, one segment per line
     * @param referenceFile  reference, UTF-8, same number of lines
     * @param options        chrF options
     * @return the corpus score
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException one-line message on invalid UTF-8 or differing line counts
     */
    public static ChrfScore chrf(Path hypothesisFile, Path referenceFile, ChrfOptions options) throws IOException {
        AlignedLines lines = AlignedLines.read(hypothesisFile, referenceFile);
        return new Chrf(options).corpusScore(lines.hypotheses(), lines.referenceStreams());
    }
}
