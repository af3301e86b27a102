package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.Main;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.eval.Bleu;
import org.nmt4j.translator.eval.BleuOptions;
import org.nmt4j.translator.run.TrainingCsvLog;

/** {@code nmt4j train --valid-metric bleu} on the copy toy task. */
class ValidationBleuTest {

  private static String[] train(Path data, Path out, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("train",
        "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(),
        "--valid-src", data.resolve("valid.src").toString(),
        "--valid-tgt", data.resolve("valid.tgt").toString(),
        "--out-dir", out.toString(),
        "--emb", "16", "--hidden", "32", "--enc-layers", "1", "--dec-layers", "1",
        "--dropout", "0", "--lr", "0.01", "--batch-size", "16", "--valid-every", "10",
        "--checkpoint-every", "10", "--patience", "0", "--seed", "3"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void bleuIsComputedLoggedAndPicksTheBestModel(@TempDir Path data, @TempDir Path out)
      throws Exception {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.COPY, 400, 5).withHeldOut(30, 0)).write(data);
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int code = Main.run(new PrintWriter(so), new PrintWriter(se),
        train(data, out, "--max-steps", "80", "--valid-metric", "bleu"));
    assertEquals(0, code, se.toString());

    // every validation row carries BLEU; "best" marks exactly the strict running maxima
    List<String[]> valid = Files.readAllLines(out.resolve(TrainingCsvLog.FILE)).stream()
        .filter(l -> l.startsWith("valid,")).map(l -> l.split(",", -1)).toList();
    // every 10 steps and at each epoch end (25 steps)
    assertTrue(valid.size() >= 8, "validations: " + valid.size());
    double max = Double.NEGATIVE_INFINITY;
    long bestStep = -1;
    for (String[] row : valid) {
      assertEquals(13, row.length);
      double bleu = Double.parseDouble(row[12]);
      boolean best = bleu > max;
      assertEquals(best ? "1" : "0", row[11], String.join(",", row));
      if (best) {
        max = bleu;
        bestStep = Long.parseLong(row[1]);
      }
    }
    assertTrue(max > 0, "the copy task should reach some BLEU in 80 steps, got " + max);
    assertTrue(valid.stream().map(r -> r[12]).distinct().count() > 1, "BLEU never changed");
    assertTrue(se.toString().contains(", bleu "), se.toString());
    Matcher m = Pattern.compile("best validation bleu ([0-9.]+) at step (\\d+)")
        .matcher(so.toString());
    assertTrue(m.find(), so.toString());
    assertEquals(max, Double.parseDouble(m.group(1)), 0.01);
    assertEquals(bestStep, Long.parseLong(m.group(2)));

    // the model file is the best one: its greedy translations score the logged best BLEU
    List<String> src = Files.readAllLines(data.resolve("valid.src"), StandardCharsets.UTF_8);
    List<String> ref = Files.readAllLines(data.resolve("valid.tgt"), StandardCharsets.UTF_8);
    List<String> hyp = Translator.load(out.resolve("model.nmt4j")).translate(src).stream()
        .map(Translation::text).toList();
    double rescored = new Bleu(BleuOptions.defaults()).corpusScore(hyp, List.of(ref)).score();
    assertEquals(max, rescored, 0.01);
  }

  @Test
  void bleuNeedsValidationDataAndAValidSampleSize(@TempDir Path data, @TempDir Path out) {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.COPY, 40, 5).withHeldOut(5, 0)).write(data);
    StringWriter se = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(se),
        "train", "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString(), "--out-dir", out.toString(),
        "--max-steps", "2", "--valid-metric", "bleu");
    assertEquals(Main.EXIT_USAGE, code);
    assertEquals("nmt4j train: error: training.valid-metric bleu needs validation data: give "
        + "--valid-src and --valid-tgt", se.toString().strip());

    StringWriter se2 = new StringWriter();
    code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(se2),
        train(data, out.resolve("b"), "--max-steps", "2", "--valid-bleu-sentences", "-1"));
    assertEquals(Main.EXIT_USAGE, code);
    assertEquals("nmt4j train: error: --valid-bleu-sentences: training.valid-bleu-sentences must "
        + "be >= 0, got -1", se2.toString().strip());
  }
}
