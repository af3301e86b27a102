package org.nmt4j.translator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileScorerTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void scoresFilesLikeSacrebleusCommandLine() throws IOException {
        Path hyp = write("hyp.txt", String.join("\n", BleuSacrebleuTest.HYPS) + "\n");
        // CRLF line ends and trailing spaces are stripped, as sacreBLEU's reader does.
        Path ref = write("ref.txt", String.join(" \r\n", BleuSacrebleuTest.REFS.get(0)) + "\r\n");
        AlignedLines lines = AlignedLines.read(hyp, ref);
        assertEquals(BleuSacrebleuTest.REFS.get(0), lines.references());
        BleuScore expected = new Bleu(BleuOptions.defaults())
                .corpusScore(BleuSacrebleuTest.HYPS, List.of(BleuSacrebleuTest.REFS.get(0)));
        assertEquals(expected, FileScorer.bleu(hyp, ref, BleuOptions.defaults()));
        ChrfScore chrf = FileScorer.chrf(hyp, ref, ChrfOptions.defaults());
        assertEquals(new Chrf(ChrfOptions.defaults())
                .corpusScore(BleuSacrebleuTest.HYPS, List.of(BleuSacrebleuTest.REFS.get(0))), chrf);
    }

    @Test
    void differentLineCountsNameBothFilesAndCounts() throws IOException {
        Path hyp = write("hyp.txt", "a\nb\n");
        Path ref = write("ref.txt", "a\nb\nc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileScorer.bleu(hyp, ref, BleuOptions.defaults()));
        assertEquals(hyp + " has 2 lines but " + ref + " has 3 lines", e.getMessage());
    }

    @Test
    void invalidUtf8NamesFileAndLine() throws IOException {
        Path hyp = dir.resolve("bad.txt");
        Files.write(hyp, new byte[] {'o', 'k', '\n', 'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n'});
        Path ref = write("ref.txt", "a\nb\nc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlignedLines.read(hyp, ref));
        assertEquals(hyp + ":3: invalid UTF-8 (byte 0xC3 at byte 2 of the line)", e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path ref = write("ref.txt", "a\n");
        Path missing = dir.resolve("missing.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlignedLines.read(missing, ref));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void linesEndOnlyAtNewlineAndGzipIsRead() throws IOException {
        Path gz = dir.resolve("hyp.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("x\ry\n\nlast".getBytes(StandardCharsets.UTF_8));
        }
        Path ref = write("ref.txt", "r1\nr2\nr3\n");
        AlignedLines lines = AlignedLines.read(gz, ref);
        assertEquals(List.of("x\ry", "", "last"), lines.hypotheses());
        assertEquals(List.of(List.of("r1", "r2", "r3")), lines.referenceStreams());
    }

    @Test
    void emptyFilesHaveNoLines() throws IOException {
        AlignedLines lines = AlignedLines.read(write("h", ""), write("r", ""));
        assertEquals(0, lines.hypotheses().size());
        assertEquals("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 1.000 ratio = 0.000 hyp_len = 0 ref_len = 0)",
                new Bleu(BleuOptions.defaults()).corpusScore(lines.hypotheses(), lines.referenceStreams()).format());
    }
}
