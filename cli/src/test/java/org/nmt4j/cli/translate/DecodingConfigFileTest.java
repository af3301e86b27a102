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
import org.nmt4j.cli.Main;

/** translate/score/evaluate --config (decoding options from YAML) and --dump-config. */
class DecodingConfigFileTest {
  private final ToyModel toy = ToyModel.get();
  @TempDir Path tmp;

  private List<String> translate(String... more) throws Exception {
    Path in = tmp.resolve("in.txt");
    ToyModel.write(in, toy.testSources.subList(0, 10));
    String[] base = {"translate", "-m", toy.model.toString(), "--src", in.toString()};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.Arrays.stream(more)).toArray(String[]::new);
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.err());
    return run.out().lines().toList();
  }

  @Test
  void theFileSetsOptionsAndFlagsWin() throws Exception {
    Path cfg = Files.writeString(tmp.resolve("dec.yaml"), "max-output-length: 2\nbatch-size: 3\n");
    List<String> capped = translate("--config", cfg.toString());
    assertEquals(10, capped.size());
    assertTrue(capped.stream().allMatch(l -> l.isEmpty() || l.split(" ").length <= 2), capped.toString());
    assertFalse(capped.equals(translate()), "the cap of the file has no effect");
    // a flag given wins over the file
    assertEquals(translate(), translate("--config", cfg.toString(), "--max-output-length", "250"));
  }

  @Test
  void dumpConfigPrintsAFileThatConfigReadsBack() throws Exception {
    CliRun dump = CliRun.of("translate", "-m", toy.model.toString(), "--sample",
        "--temperature", "0.5", "--seed", "3", "--dump-config");
    assertEquals(0, dump.exitCode(), dump.err());
    assertTrue(dump.out().contains("temperature: 0.5"), dump.out());
    assertTrue(dump.out().contains("max-output-length: 250"), dump.out());
    assertFalse(dump.out().contains("model"), "files stay on the command line: " + dump.out());
    Path cfg = Files.writeString(tmp.resolve("dumped.yaml"), dump.out());
    assertEquals(translate("--sample", "--temperature", "0.5", "--seed", "3"),
        translate("--config", cfg.toString()));
  }

  @Test
  void badFilesAreOneLineNamingFileAndKey() throws Exception {
    Path cfg = Files.writeString(tmp.resolve("bad.yaml"), "temprature: 0.5\n");
    CliRun unknown = CliRun.of("translate", "-m", toy.model.toString(), "--config", cfg.toString());
    assertEquals(Main.EXIT_USAGE, unknown.exitCode());
    assertTrue(unknown.err().startsWith("nmt4j translate: error: --config " + cfg
        + ": unknown key 'temprature'; valid keys: "), unknown.err());
    Files.writeString(cfg, "top-k: [1, 2]\n");
    CliRun list = CliRun.of("score", "-m", toy.model.toString(), "--src", "s", "--tgt", "t",
        "--config", cfg.toString());
    assertEquals(Main.EXIT_USAGE, list.exitCode(), list.err());
    assertEquals(1, list.errLines().size(), list.err());
    CliRun missing = CliRun.of("evaluate", "--hyp", "h", "--ref", "r", "--config",
        tmp.resolve("none.yaml").toString());
    assertEquals(Main.EXIT_FAILURE, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("none.yaml"), missing.err());
  }

  @Test
  void trainDumpsTheExperimentConfigWithoutWriting() throws Exception {
    Path out = tmp.resolve("run");
    CliRun dump = CliRun.of("train", "--train-src", "a.src", "--train-tgt", "a.tgt",
        "--out-dir", out.toString(), "--lr", "0.01", "--hidden", "32", "--dump-config");
    assertEquals(0, dump.exitCode(), dump.err());
    assertTrue(dump.out().contains("learning-rate: 0.01"), dump.out());
    assertTrue(dump.out().contains("hidden: 32"), dump.out());
    assertFalse(Files.exists(out));
  }
}
