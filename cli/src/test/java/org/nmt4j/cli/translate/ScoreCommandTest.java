package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.translator.ScoreReport;
import org.nmt4j.translator.Translator;

/** {@code nmt4j score} end to end. */
class ScoreCommandTest {
  private final ToyModel toy = ToyModel.get();

  @TempDir Path tmp;

  @Test
  void scoresEveryLineAndTheCorpus() throws IOException {
    Path src = tmp.resolve("src");
    Path tgt = tmp.resolve("tgt");
    Path wrong = tmp.resolve("wrong");
    ToyModel.write(src, toy.testSources.subList(0, 20));
    ToyModel.write(tgt, toy.testTargets.subList(0, 20));
    // the source itself as "translation": mostly wrong for a reversal model
    ToyModel.write(wrong, toy.testSources.subList(0, 20));
    CliRun run = CliRun.of("score", "-m", toy.model.toString(), "--src", src.toString(), "--tgt", tgt.toString());
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(20, lines.size());
    ScoreReport api = Translator.load(toy.model).score(toy.testSources.subList(0, 20), toy.testTargets.subList(0, 20));
    for (int i = 0; i < 20; i++) {
      String[] f = lines.get(i).split("\t");
      assertEquals(3, f.length);
      assertEquals(api.sentences().get(i).logProbability(), Double.parseDouble(f[0]), 1e-4);
      assertEquals(api.sentences().get(i).predictions(), Integer.parseInt(f[1]));
      assertEquals(api.sentences().get(i).perplexity(), Double.parseDouble(f[2]), 1e-3 * api.sentences().get(i).perplexity());
    }
    assertTrue(run.err().contains(String.format(java.util.Locale.ROOT, "corpus perplexity %.4f", api.perplexity())), run.err());

    Path out = tmp.resolve("scores.tsv");
    CliRun wrongRun = CliRun.of("score", "-m", toy.model.toString(), "--src", src.toString(),
        "--tgt", wrong.toString(), "-o", out.toString());
    assertEquals(0, wrongRun.exitCode(), wrongRun.err());
    assertEquals(20, Files.readAllLines(out, StandardCharsets.UTF_8).size());
    double right = api.perplexity();
    double bad = Double.parseDouble(wrongRun.out().split(" ")[2]);
    assertTrue(bad > right, "perplexity of wrong targets " + bad + " vs right ones " + right);
  }

  @Test
  void mismatchedFilesAreOneLineErrors() throws IOException {
    Path src = tmp.resolve("src");
    Path tgt = tmp.resolve("tgt");
    ToyModel.write(src, List.of("à é", "î"));
    ToyModel.write(tgt, List.of("é à"));
    CliRun run = CliRun.of("score", "-m", toy.model.toString(), "--src", src.toString(), "--tgt", tgt.toString());
    assertEquals(1, run.exitCode());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains(src + " has 2 lines, " + tgt + " has 1"), run.err());
  }
}
