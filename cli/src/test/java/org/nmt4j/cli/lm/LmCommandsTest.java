package org.nmt4j.cli.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.cli.translate.ToyModels;
import org.nmt4j.lm.inspect.CellActivations;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.io.TrainedModel;

/**
 * The {@code lm} and {@code inspect} commands end to end on a tiny generated text: train, resume,
 * sample (reproducible), score, baseline, the cell view (LM, a translator's encoder and decoder), the
 * gradient-flow plot, and their one-line errors.
 */
class LmCommandsTest {
  @TempDir static Path dir;
  static Path text;
  static Path run;

  @BeforeAll
  static void train() throws Exception {
    Random r = new Random(4);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder sb = new StringBuilder();
      int words = 2 + r.nextInt(4);
      for (int w = 0; w < words; w++) {
        sb.append(w == 0 ? "" : " ").append(r.nextBoolean() ? "(ab)" : "\"cd\"");
      }
      lines.add(sb.toString());
    }
    text = dir.resolve("toy.txt");
    Files.write(text, lines);
    run = dir.resolve("run");
    CliRun c = CliRun.of("lm", "train", "--text", text.toString(), "--cell", "gru",
        "--layers", "1", "--hidden", "24", "--embedding", "8", "--bptt", "16", "--batch-size", "8",
        "--max-steps", "30", "--valid-every", "15", "--checkpoint-every", "15", "--lr", "0.01",
        "--out-dir", run.toString());
    assertEquals(0, c.exitCode(), c.err());
    assertTrue(c.out().contains("best validation"), c.out());
  }

  @Test
  void trainWritesModelLogAndPlotAndAFinishedRunIsLeftAlone() {
    for (String f : List.of("model.nmt4j", "checkpoint.zip", "training-log.csv", "training-curves.png")) {
      assertTrue(Files.exists(run.resolve(f)), f);
    }
    CliRun again = CliRun.of("lm", "train", "--text", text.toString(), "--cell", "gru",
        "--layers", "1", "--hidden", "24", "--embedding", "8", "--bptt", "16", "--batch-size", "8",
        "--max-steps", "30", "--valid-every", "15", "--checkpoint-every", "15", "--lr", "0.01",
        "--out-dir", run.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("complete"), again.out());
  }

  @Test
  void quietTrainingLogsToItsLogFileOnly() throws Exception {
    Path quietRun = dir.resolve("quiet-run");
    Path logFile = dir.resolve("logs/lm.log");
    CliRun q = CliRun.of("lm", "train", "--text", text.toString(), "--cell", "rnn",
        "--layers", "1", "--hidden", "8", "--embedding", "4", "--bptt", "8", "--batch-size", "4",
        "--max-steps", "4", "--valid-every", "2", "--checkpoint-every", "2",
        "--out-dir", quietRun.toString(), "--quiet", "--log", logFile.toString());
    assertEquals(0, q.exitCode(), q.err());
    assertEquals("", q.err(), "--quiet prints no progress or status line");
    assertTrue(q.out().contains("best validation"), q.out());
    String logged = Files.readString(logFile);
    assertTrue(logged.contains("text: ") && logged.contains("training in " + quietRun), logged);
  }

  @Test
  void sampleIsReproducibleWithASeedAndScorePrintsBitsPerToken() {
    String m = run.resolve("model.nmt4j").toString();
    CliRun a = CliRun.of("lm", "sample", "-m", m, "--length", "60", "--seed", "3", "--n-samples", "2",
        "--temperature", "0.8", "--top-k", "5", "--top-p", "0.9", "--prime", "(ab)");
    CliRun b = CliRun.of("lm", "sample", "-m", m, "--length", "60", "--seed", "3", "--n-samples", "2",
        "--temperature", "0.8", "--top-k", "5", "--top-p", "0.9", "--prime", "(ab)");
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(a.out(), b.out());
    assertTrue(a.out().contains("=== sample 2 ===") && a.out().contains("(ab)"), a.out());
    CliRun s = CliRun.of("lm", "score", "-m", m, "--text", text.toString());
    assertEquals(0, s.exitCode(), s.err());
    assertTrue(s.out().contains("bits/token"), s.out());
    CliRun base = CliRun.of("lm", "baseline", "--text", text.toString());
    assertEquals(0, base.exitCode(), base.err());
    assertTrue(base.out().contains("bigram"), base.out());
  }

  @Test
  void aWordLevelModelWithBpeSubwordsTrainsSamplesAndScores() throws Exception {
    Path words = dir.resolve("words.txt");
    Random r = new Random(9);
    String[] vocab = {"the", "cat", "sat", "on", "mat", "dog", "ran", "to", "a", "hat"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 3 + r.nextInt(5); w++) {
        sb.append(w == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
      }
      lines.add(sb.toString());
    }
    Files.write(words, lines);
    Path out = dir.resolve("bpe-run");
    CliRun c = CliRun.of("lm", "train", "--text", words.toString(), "--tokenizer", "whitespace",
        "--bpe-merges", "12", "--cell", "lstm", "--layers", "2", "--hidden", "16", "--embedding", "8",
        "--bptt", "8", "--batch-size", "4", "--max-steps", "10", "--dropout", "0.1",
        "--out-dir", out.toString());
    assertEquals(0, c.exitCode(), c.err());
    String m = out.resolve("model.nmt4j").toString();
    CliRun s = CliRun.of("lm", "sample", "-m", m, "--length", "40", "--prime", "the cat");
    assertEquals(0, s.exitCode(), s.err());
    assertTrue(s.out().startsWith("the cat"), s.out());
    assertTrue(!s.out().contains("@@"), "subwords are joined back: " + s.out());
    CliRun sc = CliRun.of("lm", "score", "-m", m, "--text", words.toString());
    assertEquals(0, sc.exitCode(), sc.err());
    CliRun charBpe = CliRun.of("lm", "train", "--text", words.toString(), "--bpe-merges", "5",
        "--out-dir", dir.resolve("y").toString());
    assertEquals(2, charBpe.exitCode());
    assertTrue(charBpe.err().contains("--bpe-merges"), charBpe.err());
  }

  @Test
  void badInputIsOneLineWithTheRightExitCode() {
    String m = run.resolve("model.nmt4j").toString();
    CliRun p = CliRun.of("lm", "sample", "-m", m, "--top-p", "1.5");
    assertEquals(2, p.exitCode());
    assertEquals(1, p.errLines().size(), p.err());
    CliRun t = CliRun.of("translate", "-m", m);
    assertEquals(1, t.exitCode());
    assertEquals(1, t.errLines().size(), t.err());
    assertTrue(t.err().contains("language model"), t.err());
    CliRun l = CliRun.of("lm", "sample", "-m", ToyModels.trainedModel().toString());
    assertEquals(1, l.exitCode());
    assertTrue(l.err().contains("translation model, not a language model"), l.err());
    CliRun c = CliRun.of("lm", "train", "--text", text.toString(), "--cell", "tree", "--out-dir",
        dir.resolve("x").toString());
    assertEquals(2, c.exitCode());
    assertTrue(c.err().contains("--cell"), c.err());
  }

  @Test
  void inspectCellsWritesAPageForALanguageModelAndATranslatorsEncoder() throws Exception {
    Path page = dir.resolve("cells.html");
    CliRun a = CliRun.of("inspect", "cells", "-m", run.resolve("model.nmt4j").toString(), "--text",
        text.toString(), "--top", "3", "-o", page.toString());
    assertEquals(0, a.exitCode(), a.err());
    assertTrue(a.out().contains("cell ") && a.out().contains("r = "), a.out());
    String html = Files.readString(page);
    assertEquals(3, html.split("<section class=\"cell\"", -1).length - 1);
    CliRun b = CliRun.of("inspect", "cells", "-m", run.resolve("model.nmt4j").toString(), "--text",
        text.toString(), "--cells", "0,5", "-o", page.toString());
    assertEquals(0, b.exitCode(), b.err());
    assertTrue(Files.readString(page).contains("id=\"cell-5\""));

    Path src = dir.resolve("src.txt");
    Files.write(src, List.of("one two three", "four five"));
    CliRun noSide = CliRun.of("inspect", "cells", "-m", ToyModels.trainedModel().toString(),
        "--text", src.toString(), "-o", page.toString());
    assertEquals(2, noSide.exitCode());
    assertTrue(noSide.err().contains("--side"), noSide.err());
    CliRun enc = CliRun.of("inspect", "cells", "-m", ToyModels.trainedModel().toString(),
        "--side", "src", "--text", src.toString(), "--top", "2", "-o", page.toString());
    assertEquals(0, enc.exitCode(), enc.err());
    assertTrue(Files.readString(page).contains("Encoder cells"));
    CliRun dec = CliRun.of("inspect", "cells", "-m", ToyModels.trainedModel().toString(),
        "--side", "tgt", "--text", src.toString(), "--cells", "0,1", "-o", page.toString());
    assertEquals(0, dec.exitCode(), dec.err());
    assertTrue(Files.readString(page).contains("Decoder cells"));
    CliRun badSide = CliRun.of("inspect", "cells", "-m", ToyModels.trainedModel().toString(),
        "--side", "both", "--text", src.toString(), "-o", page.toString());
    assertEquals(2, badSide.exitCode());
    assertTrue(badSide.err().contains("--side must be src"), badSide.err());
  }

  @Test
  void decoderCellsFollowTheGreedyTranslation() {
    TrainedModel tm = TrainedModel.load(ToyModels.trainedModel());
    Translator translator = Translator.load(ToyModels.trainedModel());
    List<String> lines = List.of("one two three", "four five", "seven");
    CellActivations a = CellActivations.ofDecoder(tm, lines, 0, 10_000);
    List<String> expected = new ArrayList<>();
    for (String line : lines) {
      expected.addAll(translator.translate(line).tokens());
      expected.add("</s>");
    }
    assertEquals(expected, a.tokens());
    assertEquals(tm.model().config().decoder().hiddenSize(), a.cells());
    // the decoder's state moves from step to step: no cell is constant over the text
    double[] first = a.cell(0);
    assertTrue(java.util.Arrays.stream(first).distinct().count() > 1);
  }

  @Test
  void inspectGradientsWritesThePlotAndTheCsv() throws Exception {
    Path png = dir.resolve("flow.png");
    Path csv = dir.resolve("flow.csv");
    CliRun g = CliRun.of("inspect", "gradients", "--cell", "rnn,lstm", "--length", "40",
        "--steps", "5", "-o", png.toString(), "--csv", csv.toString());
    assertEquals(0, g.exitCode(), g.err());
    assertTrue(Files.size(png) > 1000);
    List<String> rows = Files.readAllLines(csv);
    assertEquals("panel,series,x,value", rows.get(0));
    String last = rows.stream().filter(x -> x.startsWith("flow,lstm,40,")).findFirst().orElseThrow();
    assertEquals(1.0, Double.parseDouble(last.substring("flow,lstm,40,".length())), 1e-9);
    assertEquals(1 + 2 * 40 + 4 * 5, rows.size());
  }
}
