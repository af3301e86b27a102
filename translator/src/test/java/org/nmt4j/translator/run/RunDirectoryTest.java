package org.nmt4j.translator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.translator.config.ExperimentConfig;

/** The output directory's files: interrupted writes, reset, and the resume checks. */
class RunDirectoryTest {
  private static Map<String, Path> data(Path train, Path valid) {
    Map<String, Path> m = new LinkedHashMap<>();
    m.put("--train-src", train);
    m.put("--valid-src", valid);
    return m;
  }

  @Test
  void removesInterruptedWritesAndOnResetEverythingAnEarlierRunWrote(@TempDir Path out)
      throws Exception {
    Path stale = Files.writeString(out.resolve(".model.nmt4j.00ff00ff00ff00ff.tmp"), "half");
    for (String name : RunDirectory.FILES) {
      Files.writeString(out.resolve(name), "x");
    }
    Files.writeString(out.resolve("checkpoint-10.zip"), "x");
    Files.writeString(out.resolve("plot.png"), "x");
    Path mine = Files.writeString(out.resolve("notes.txt"), "the user's");
    List<String> messages = new ArrayList<>();

    RunDirectory dir = RunDirectory.open(out, true, Map.of(), List.of("plot.png"), messages::add);
    assertEquals(List.of("removed " + stale + " (left by an interrupted write)",
        "--reset: removed " + (RunDirectory.FILES.size() + 2) + " file(s) of the earlier run in "
            + out), messages);
    assertFalse(dir.resuming());
    assertNull(dir.savedConfig());
    try (var left = Files.list(out)) {
      assertEquals(List.of(mine), left.toList());
    }
  }

  @Test
  void resumesOnlyWithTheCheckpointsDataFiles(@TempDir Path out, @TempDir Path corpus)
      throws Exception {
    Path train = Files.writeString(corpus.resolve("train.src"), "a b\n");
    Path other = Files.writeString(corpus.resolve("other.src"), "a b c\n");
    RunDirectory first = RunDirectory.open(out, false, data(train, null), List.of(), s -> { });
    assertFalse(first.resuming());
    first.recordStart(ExperimentConfig.defaults());
    Files.writeString(first.checkpoint(), "a checkpoint");

    List<String> messages = new ArrayList<>();
    RunDirectory again = RunDirectory.open(out, false, data(train, null), List.of(), messages::add);
    assertTrue(again.resuming());
    assertEquals(out.resolve(RunDirectory.CONFIG_FILE), again.savedConfig());
    assertEquals(List.of(), messages);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RunDirectory.open(out, false, data(other, null), List.of(), s -> { }));
    assertEquals(out.resolve("checkpoint.zip") + " was trained on other data: --train-src is "
        + other.toRealPath() + " (6 bytes), the checkpoint's was " + train.toRealPath()
        + " (4 bytes); give the same data to resume, or --reset to start afresh", e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> RunDirectory.open(out, false, data(train, train), List.of(), s -> { }));
    assertTrue(e.getMessage().contains("--valid-src is " + train.toRealPath()
        + " (4 bytes), the checkpoint's was not given"), e.getMessage());
  }
}
