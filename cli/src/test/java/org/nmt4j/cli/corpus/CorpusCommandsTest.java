package org.nmt4j.cli.corpus;

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

class CorpusCommandsTest {
  @TempDir Path dir;

  @Test
  void generateWritesSixAlignedFiles() throws IOException {
    CliRun r = CliRun.of("corpus", "generate", "--task", "numbers-en-fr", "--size", "50",
        "--seed", "7", "--out-dir", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String part : List.of("train", "valid", "test")) {
      List<String> src = Files.readAllLines(dir.resolve(part + ".src"));
      List<String> tgt = Files.readAllLines(dir.resolve(part + ".tgt"));
      assertEquals(src.size(), tgt.size(), part);
    }
    assertEquals(50, Files.readAllLines(dir.resolve("train.src")).size());
    assertTrue(r.out().contains("wrote 50 train"), r.out());
  }

  @Test
  void generateIsReproducibleFromTheSeed() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliRun.of("corpus", "generate", "--task", "reverse", "--size", "30", "--seed", "3", "--out-dir", a.toString());
    CliRun.of("corpus", "generate", "--task", "reverse", "--size", "30", "--seed", "3", "--out-dir", b.toString());
    assertEquals(Files.readString(a.resolve("train.tgt")), Files.readString(b.resolve("train.tgt")));
  }

  @Test
  void unknownTaskIsAOneLineError() {
    CliRun r = CliRun.of("corpus", "generate", "--task", "sort", "--size", "5", "--out-dir", dir.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("sort"), r.err());
  }

  @Test
  void checkCountsDropsByRule() throws IOException {
    Path src = write("s.txt", "a b c\n\nd e\nd e\n");
    Path tgt = write("t.txt", "x y\ny\nz\nz\n");
    CliRun r = CliRun.of("corpus", "check", "--src", src.toString(), "--tgt", tgt.toString(),
        "--drop-duplicates");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("pairs read: 4"), r.out());
    assertTrue(r.out().contains("pairs kept: 2"), r.out());
    assertTrue(r.out().matches("(?s).*empty-side\\s+1.*"), r.out());
    assertTrue(r.out().matches("(?s).*duplicate\\s+1.*"), r.out());
  }

  @Test
  void mismatchedLineCountsNameBothFiles() throws IOException {
    Path src = write("s.txt", "a\nb\nc\n");
    Path tgt = write("t.txt", "x\ny\n");
    CliRun r = CliRun.of("corpus", "check", "--src", src.toString(), "--tgt", tgt.toString());
    assertEquals(1, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("s.txt has 3 lines") && r.err().contains("t.txt has 2 lines"), r.err());
  }

  @Test
  void tsvLineWithoutTabNamesFileAndLine() throws IOException {
    Path tsv = write("c.tsv", "a\tb\nno tab here\n");
    CliRun r = CliRun.of("corpus", "check", "--tsv", tsv.toString());
    assertEquals(1, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("c.tsv:2"), r.err());
  }

  @Test
  void invalidUtf8NamesFileAndLine() throws IOException {
    Path src = dir.resolve("bad.txt");
    Files.write(src, new byte[] {'o', 'k', '\n', 'b', (byte) 0xFF, '\n'});
    Path tgt = write("t.txt", "x\ny\n");
    CliRun r = CliRun.of("corpus", "check", "--src", src.toString(), "--tgt", tgt.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("bad.txt:2") && r.err().contains("invalid UTF-8"), r.err());
  }

  @Test
  void tmxWithoutTheLanguageSaysWhichExist() throws IOException {
    Path tmx = write("m.tmx", """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
        <body><tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu></body></tmx>
        """);
    CliRun r = CliRun.of("corpus", "check", "--tmx", tmx.toString(), "--src-lang", "en", "--tgt-lang", "es");
    assertEquals(1, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("m.tmx") && r.err().contains("'es'"), r.err());
  }

  @Test
  void twoCorpusFormsAreAUsageError() throws IOException {
    Path f = write("s.txt", "a\n");
    CliRun r = CliRun.of("corpus", "check", "--src", f.toString(), "--tgt", f.toString(), "--tsv", f.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
