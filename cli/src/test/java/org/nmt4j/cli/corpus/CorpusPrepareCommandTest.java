package org.nmt4j.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;

class CorpusPrepareCommandTest {
  @TempDir Path dir;

  private static List<String> gunzip(Path f) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return s.isEmpty() ? List.of() : List.of(s.split("\n", -1)).subList(0, s.split("\n", -1).length - 1);
    }
  }

  @Test
  void dropsExactlyWhatTheReportSaysAndLeaksNoHeldOutSentence() throws Exception {
    StringBuilder tsv = new StringBuilder();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add("sentence number " + i + "\tSatz Nummer " + i);
    }
    lines.add("sentence number 5\tSatz Nummer 5");            // duplicate
    lines.add("Sentence  number 6!\tsatz nummer 6");           // near duplicate (after NFC/space cleaning too)
    lines.add("\tleer");                                       // empty side
    lines.add("Hello\thello");                                 // source equals target
    lines.add("one\tganz viel zu viele Wörter hier");          // length ratio 6
    lines.add("Привет мир\tHallo Welt");                       // wrong script
    lines.add("the held out one\tder Testsatz");               // shares a source with the test set
    lines.add("Cafe\u0301  time\tKaffee\u00a0Zeit");           // normalised, kept
    lines.forEach(l -> tsv.append(l).append('\n'));
    Files.writeString(dir.resolve("c.tsv"), tsv);
    Files.writeString(dir.resolve("test.en"), "The held-out one.\n");
    Files.writeString(dir.resolve("test.de"), "Der Testsatz!\n");
    Path out = dir.resolve("out");
    String[] args = {"corpus", "prepare", "--tsv", dir.resolve("c.tsv").toString(),
        "--out-dir", out.toString(), "--valid-size", "20", "--test-size", "0.05", "--seed", "4",
        "--max-length-ratio", "3", "--src-script", "Latin",
        "--exclude", dir.resolve("test.en") + "," + dir.resolve("test.de")};
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    long read = report.get("read").asLong();
    long kept = report.get("kept").asLong();
    long dropped = 0;
    Iterator<Map.Entry<String, JsonNode>> it = report.get("dropped").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      dropped += e.getValue().asLong();
      assertEquals(1, e.getValue().asLong(), "rule " + e.getKey() + " in " + report);
    }
    assertEquals(308, read);
    assertEquals(read, kept + dropped);
    assertEquals(301, kept);
    assertEquals(7, report.get("dropped").size(), report.toString());
    List<String> trainSrc = gunzip(out.resolve("train.src.gz"));
    List<String> validSrc = gunzip(out.resolve("valid.src.gz"));
    List<String> testSrc = gunzip(out.resolve("test.src.gz"));
    assertEquals(20, validSrc.size());
    assertEquals(15, testSrc.size());
    assertEquals(kept, trainSrc.size() + validSrc.size() + testSrc.size());
    assertEquals(trainSrc.size(), gunzip(out.resolve("train.tgt.gz")).size());
    assertEquals(report.get("split").get("train").asLong(), trainSrc.size());
    // nothing held out (validation, test, --exclude) is also in train
    Set<String> train = new HashSet<>(trainSrc);
    for (String v : validSrc) {
      assertTrue(!train.contains(v), v);
    }
    for (String v : testSrc) {
      assertTrue(!train.contains(v), v);
    }
    List<String> all = new ArrayList<>(trainSrc);
    all.addAll(validSrc);
    all.addAll(testSrc);
    assertTrue(all.contains("Café time"), "normalised to NFC with one space");
    assertTrue(all.stream().noneMatch(s -> s.toLowerCase().contains("held out")));
    // the same command again finds its report and does nothing
    CliRun again = CliRun.of(args);
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("is up to date"), again.out());
  }
}
