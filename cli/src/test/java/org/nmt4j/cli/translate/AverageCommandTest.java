package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/** {@code nmt4j average} on a model trained by {@code nmt4j train}. */
class AverageCommandTest {
  @TempDir Path tmp;

  @Test
  void averageOfAModelWithItselfTranslatesLikeIt() throws Exception {
    ToyModel toy = ToyModel.get();
    Path avg = tmp.resolve("avg.nmt4j");
    CliRun run = CliRun.of("average", "-o", avg.toString(), toy.model.toString(),
        toy.model.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("averaged 2 files"), run.out());
    List<String> sources = toy.testSources.subList(0, 20);
    List<Translation> expected = Translator.load(toy.model).translate(sources);
    List<Translation> actual = Translator.load(avg).translate(sources);
    for (int i = 0; i < sources.size(); i++) {
      assertEquals(expected.get(i).text(), actual.get(i).text(), "sentence " + i);
    }
  }

  @Test
  void aMissingInputIsAOneLineError() throws Exception {
    ToyModel toy = ToyModel.get();
    Path missing = tmp.resolve("checkpoint-9.zip");
    Path avg = tmp.resolve("avg.nmt4j");
    CliRun run = CliRun.of("average", "-o", avg.toString(), toy.model.toString(),
        missing.toString());
    assertEquals(1, run.exitCode());
    assertEquals(List.of("nmt4j average: error: " + missing + ": no such file"), run.errLines());
    assertFalse(Files.exists(avg));
  }
}
