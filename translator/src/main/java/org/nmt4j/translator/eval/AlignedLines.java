package org.nmt4j.translator.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.nmt4j.translator.eval.impl.PythonWhitespace;
import org.nmt4j.tokenization.io.Utf8LineReader;
import org.nmt4j.tokenization.io.Utf8LineReader.LineEnding;

/**
 * A hypothesis file and a reference file read line by line, with equal line counts.
 *
 * @param hypothesisFile where the hypotheses came from
 * @param referenceFile  where the references came from
 * @param hypotheses     one hypothesis per line
 * @param references     one reference per line, as many as hypotheses
 */
public record AlignedLines(Path hypothesisFile, Path referenceFile, List<String> hypotheses,
                           List<String> references) {

    // Copies and checks the line counts.
    public AlignedLines {
        hypotheses = List.copyOf(hypotheses);
        references = List.copyOf(references);
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypothesisFile + " has " + hypotheses.size() + " lines but "
                    + referenceFile + " has " + references.size() + " lines");
        }
    }

    /**
     * Reads both files as sacreBLEU's command line does: strict UTF-8 ({@code .gz} is
     * decompressed), lines split at {@code \n}, trailing whitespace of each line removed.
     *
     * @param hypothesisFile system output, one segment per line
     * @param referenceFile  reference translation, one segment per line
     * @return the aligned lines
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException one line: {@code file: no such file}, {@code file:line:
     *                                  invalid UTF-8 ...}, {@code file: ... truncated gzip file}, or
     *                                  {@code hyp has N lines but ref has M lines}
     */
    public static AlignedLines read(Path hypothesisFile, Path referenceFile) throws IOException {
        List<String> hypotheses = Utf8LineReader.readAll(hypothesisFile, LineEnding.LF_ONLY).stream().map(PythonWhitespace::rstrip).toList();
        List<String> references = Utf8LineReader.readAll(referenceFile, LineEnding.LF_ONLY).stream().map(PythonWhitespace::rstrip).toList();
        return new AlignedLines(hypothesisFile, referenceFile, hypotheses, references);
    }

    /**
     * The references as the single reference stream the metrics take.
     *
     * @return a list holding {@link #references()}
     */
    public List<List<String>> referenceStreams() {
        return List.of(references);
    }
}
