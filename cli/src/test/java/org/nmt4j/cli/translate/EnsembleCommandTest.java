package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/** {@code translate -m A -m B} and {@code evaluate -m A -m B}: two models decoding as one. */
class EnsembleCommandTest {
  private final ToyModel toy = ToyModel.get();

  @TempDir Path tmp;

  private Path train(String name, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train",
        "--train-src", toy.dir.resolve("train.src").toString(),
        "--train-tgt", toy.dir.resolve("train.tgt").toString(),
        "--out-dir", tmp.resolve(name).toString(),
        "--emb", "16", "--hidden", "48", "--enc-layers", "1", "--dec-layers", "1",
        "--dropout", "0", "--lr", "0.01", "--batch-size", "50"));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    return tmp.resolve(name).resolve("model.nmt4j");
  }

  @Test
  void twoModelsOnTheSameDataTranslateAsOne() throws IOException {
    Path second = train("second", "--tokenizer", "whitespace", "--max-steps", "300", "--seed", "2");
    Path in = tmp.resolve("test.src");
    ToyModel.write(in, toy.testSources);
    Path out = tmp.resolve("hyp.txt");
    CliRun run = CliRun.of("translate", "-m", toy.model.toString(), "-m", second.toString(),
        "-i", in.toString(), "-o", out.toString(), "--with-score");
    assertEquals(0, run.exitCode(), run.err());
    List<String> hyp = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<Translation> api = Translator.load(List.of(toy.model, second)).translate(toy.testSources);
    List<Translation> alone = Translator.load(toy.model).translate(toy.testSources);
    int exact = 0;
    int differ = 0;
    for (int i = 0; i < hyp.size(); i++) {
      String[] textAndScore = hyp.get(i).split("\t");
      assertEquals(api.get(i).text(), textAndScore[0], "line " + (i + 1));
      exact += textAndScore[0].equals(toy.testTargets.get(i)) ? 1 : 0;
      differ += Math.abs(api.get(i).logProbability() - alone.get(i).logProbability()) > 1e-4
          ? 1 : 0;
    }
    assertTrue(exact >= 60, exact + " of 100 exactly right");
    assertTrue(differ > 0, "the second model takes part");

    CliRun eval = CliRun.of("evaluate", "-m", toy.model.toString(), "-m", second.toString(),
        "--src", in.toString(), "--ref", toy.dir.resolve("test.tgt").toString());
    assertEquals(0, eval.exitCode(), eval.err());
    assertTrue(eval.out().startsWith("BLEU = "), eval.out());
    assertTrue(eval.out().contains("\nrepeated word pairs = "), eval.out());

    // the repetition rules and the minimum length apply to an ensemble's combined logits
    List<Translation> ruled = Translator.load(List.of(toy.model, second))
        .translate(toy.testSources, DecodingOptions.greedy().withRepetitionRules(1, 1.0)
            .withMinLengthRatio(2.0));
    for (int i = 0; i < ruled.size(); i++) {
      List<String> tokens = ruled.get(i).tokens();
      assertEquals(tokens.size(), tokens.stream().distinct().count(), "line " + (i + 1));
    }
  }

  @Test
  void modelsThatProcessTextDifferentlyAreRefusedNamingTheFile() {
    Path other = train("other", "--tokenizer", "lucene", "--max-steps", "2");
    CliRun run = CliRun.of("translate", "-m", toy.model.toString(), "-m", other.toString(),
        "-i", toy.dir.resolve("test.src").toString());
    assertNotEquals(0, run.exitCode());
    assertEquals("nmt4j translate: error: " + other + ": cannot join an ensemble with "
        + toy.model + ": its tokenizers, BPE merges or vocabularies differ (train both on the "
        + "same data with the same data settings)", run.err().strip());
  }
}
