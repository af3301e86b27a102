package org.nmt4j.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nmt4j.cli.CliRun;

/** The sample corpora in docs/samples, as the README's corpus check examples use them. */
class DocSamplesTest {
  /** Tests run in the module directory: the samples are in the repository's docs. */
  private static final Path SAMPLES = Path.of("..", "docs", "samples");

  @Test
  void theTsvSampleShowsEachDropRule() {
    CliRun run = CliRun.of("corpus", "check", "--tsv", SAMPLES.resolve("corpus.tsv").toString(),
        "--tsv-columns", "2,3", "--drop-duplicates", "--max-length-ratio", "3");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("pairs read: 8\npairs kept: 5 (62.50%)"), run.out());
    assertTrue(run.out().matches("(?s).*empty-side +1\n.*length-ratio +1\n.*duplicate +1\n.*"),
        run.out());
  }

  @Test
  void theTmxSampleHasAUnitWithoutEnglish() {
    assertTrue(Files.isRegularFile(SAMPLES.resolve("memory.tmx")));
    CliRun run = CliRun.of("corpus", "check", "--tmx", SAMPLES.resolve("memory.tmx").toString(),
        "--src-lang", "de", "--tgt-lang", "en");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("pairs read: 4\npairs kept: 3 (75.00%)"), run.out());
    assertTrue(run.out().matches("(?s).*tmx-unit-missing-language +1\n.*"), run.out());
  }
}
