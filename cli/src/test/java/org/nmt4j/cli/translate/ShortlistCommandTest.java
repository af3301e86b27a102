package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;

/**
 * {@code nmt4j shortlist} on the toy model trained by {@code nmt4j train} (it reverses strings
 * of symbols): IBM Model 1 finds that each symbol translates to itself, and {@code translate
 * --shortlist} one sentence per batch then produces only the symbols of its source, the same
 * reversals as over the whole vocabulary.
 */
class ShortlistCommandTest {
  @TempDir Path tmp;

  @Test
  void shortlistOfTheToyModelKeepsItsTranslations() throws Exception {
    ToyModel toy = ToyModel.get();
    Path list = tmp.resolve("shortlist.tsv");
    CliRun build = CliRun.of("shortlist", "-m", toy.model.toString(),
        "--src", toy.dir.resolve("train.src").toString(),
        "--tgt", toy.dir.resolve("train.tgt").toString(),
        "-o", list.toString(), "--frequent", "0", "--best", "1");
    assertEquals(0, build.exitCode(), build.err());
    assertTrue(build.out().startsWith("shortlist: 2500 line pairs (2500 used)"), build.out());
    List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
    for (String symbol : ToyModel.SYMBOLS) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(symbol + "\t" + symbol + "\t")),
          symbol + " should translate to itself:\n" + String.join("\n", lines));
    }

    Path input = tmp.resolve("in.txt");
    List<String> sources = toy.testSources.subList(0, 40);
    ToyModel.write(input, sources);
    CliRun whole = CliRun.of("translate", "-m", toy.model.toString(), "--src", input.toString(),
        "--batch-size", "1");
    CliRun listed = CliRun.of("translate", "-m", toy.model.toString(), "--src", input.toString(),
        "--batch-size", "1", "--shortlist", list.toString());
    assertEquals(0, whole.exitCode(), whole.err());
    assertEquals(0, listed.exitCode(), listed.err());
    List<String> a = whole.out().lines().toList();
    List<String> b = listed.out().lines().toList();
    assertEquals(sources.size(), b.size());
    int same = 0;
    for (int i = 0; i < b.size(); i++) {
      Set<String> allowed = new java.util.HashSet<>(List.of(sources.get(i).split(" ")));
      for (String token : b.get(i).split(" ")) {
        assertTrue(token.isEmpty() || allowed.contains(token),
            "'" + token + "' of '" + b.get(i) + "' is not in the source '" + sources.get(i) + "'");
      }
      same += a.get(i).equals(b.get(i)) ? 1 : 0;
    }
    assertTrue(same >= b.size() * 9 / 10, same + " of " + b.size() + " lines unchanged");

    CliRun evaluate = CliRun.of("evaluate", "-m", toy.model.toString(), "--src",
        input.toString(), "--ref", input.toString(), "--shortlist", list.toString());
    assertEquals(0, evaluate.exitCode(), evaluate.err());
  }

  @Test
  void badShortlistsAreOneLineErrors() throws Exception {
    ToyModel toy = ToyModel.get();
    Path list = tmp.resolve("other.tsv");
    Files.writeString(list, "\tà\t3\nhorse\tà\t0.5\n", StandardCharsets.UTF_8);
    CliRun bad = CliRun.of("translate", "-m", toy.model.toString(), "--shortlist",
        list.toString());
    assertEquals(1, bad.exitCode());
    assertEquals("nmt4j translate: error: " + list + ":2: source token 'horse' is not in the"
        + " model's source vocabulary (a shortlist built for another model?)",
        bad.err().strip());
    CliRun missing = CliRun.of("translate", "-m", toy.model.toString(), "--shortlist",
        tmp.resolve("none.tsv").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("none.tsv: no such file"), missing.err());
    assertFalse(missing.err().strip().contains("\n"), missing.err());
    CliRun ensemble = CliRun.of("translate", "-m", toy.model.toString(), "-m",
        toy.model.toString(), "--shortlist", list.toString());
    assertEquals(1, ensemble.exitCode());
    assertTrue(ensemble.err().contains("a shortlist works with one model, not an ensemble"),
        ensemble.err());
    CliRun zero = CliRun.of("shortlist", "-m", toy.model.toString(), "--src", list.toString(),
        "--tgt", list.toString(), "-o", tmp.resolve("x.tsv").toString(), "--best", "0");
    assertEquals(2, zero.exitCode());
    assertTrue(zero.err().contains("best must be >= 1, got 0"), zero.err());
    CliRun uneven = CliRun.of("shortlist", "-m", toy.model.toString(),
        "--src", toy.dir.resolve("train.src").toString(), "--tgt", list.toString(),
        "-o", tmp.resolve("x.tsv").toString());
    assertEquals(1, uneven.exitCode());
    assertTrue(uneven.err().contains("the files must be aligned line by line"), uneven.err());
    assertFalse(Files.exists(tmp.resolve("x.tsv")));
  }
}
