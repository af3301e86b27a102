package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/** {@code nmt4j translate} end to end on a model trained by {@code nmt4j train}. */
class TranslateCommandTest {
  private final ToyModel toy = ToyModel.get();

  @TempDir Path tmp;

  private static List<String> read(Path file) throws IOException {
    // exact lines, keeping a trailing empty line visible
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.isEmpty() || text.endsWith("\n"), "output ends with a line break");
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    lines.remove(lines.size() - 1);
    return lines;
  }

  @Test
  void translatesAFileAndLearnedTheTask() throws IOException {
    Path in = tmp.resolve("test.src");
    Path out = tmp.resolve("out").resolve("hyp.txt");
    ToyModel.write(in, toy.testSources);
    CliRun run = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(), "-o", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    List<String> hyp = read(out);
    assertEquals(toy.testSources.size(), hyp.size());
    int exact = 0;
    for (int i = 0; i < hyp.size(); i++) {
      exact += hyp.get(i).equals(toy.testTargets.get(i)) ? 1 : 0;
    }
    // a 600-step model reverses most strings of 3-6 symbols
    assertTrue(exact >= 60, exact + " of 100 exactly right");
    // the CLI writes what the API translates
    Translator translator = Translator.load(toy.model);
    List<Translation> api = translator.translate(toy.testSources);
    for (int i = 0; i < hyp.size(); i++) {
      assertEquals(api.get(i).text(), hyp.get(i), "line " + (i + 1));
    }
    // progress went to stderr, and no temporary file is left beside the output
    assertTrue(run.err().contains("translate"), run.err());
    try (var files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList());
    }
  }

  @Test
  void repetitionAndLengthFlagsReachTheDecoder() throws IOException {
    Path in = tmp.resolve("test.src");
    Path out = tmp.resolve("hyp.txt");
    ToyModel.write(in, toy.testSources);
    CliRun run = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
        "-o", out.toString(), "--no-repeat-ngram", "1", "--repetition-penalty", "1.5",
        "--min-length-ratio", "1.5");
    assertEquals(0, run.exitCode(), run.err());
    List<String> hyp = read(out);
    Translator translator = Translator.load(toy.model);
    DecodingOptions options = DecodingOptions.greedy().withRepetitionRules(1, 1.5)
        .withMinLengthRatio(1.5);
    List<Translation> api = translator.translate(toy.testSources, options);
    List<Translation> plain = translator.translate(toy.testSources);
    int changed = 0;
    for (int i = 0; i < hyp.size(); i++) {
      assertEquals(api.get(i).text(), hyp.get(i), "line " + (i + 1));
      List<String> tokens = api.get(i).tokens();
      assertEquals(tokens.size(), tokens.stream().distinct().count(), "line " + (i + 1));
      changed += hyp.get(i).equals(plain.get(i).text()) ? 0 : 1;
    }
    assertTrue(changed > 10, changed + " lines changed");
  }

  @Test
  void emptyBlankAndOverLongLinesKeepTheLinesAligned() throws IOException {
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      huge.append(i == 0 ? "" : " ").append(ToyModel.SYMBOLS.get(i % ToyModel.SYMBOLS.size()));
    }
    List<String> lines = List.of("à é î", "", "   ", huge.toString(), "ö ü ß ж", "");
    Path in = tmp.resolve("in.txt");
    ToyModel.write(in, lines);
    Path out = tmp.resolve("out.txt");
    CliRun run = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
        "-o", out.toString(), "--with-score");
    assertEquals(0, run.exitCode(), run.err());
    List<String> hyp = read(out);
    assertEquals(lines.size(), hyp.size());
    assertEquals("", hyp.get(1));
    assertEquals("", hyp.get(2));
    assertEquals("", hyp.get(5));
    for (int i : new int[] {0, 3, 4}) {
      String[] fields = hyp.get(i).split("\t", -1);
      assertEquals(2, fields.length, hyp.get(i));
      assertFalse(fields[0].isBlank());
      assertTrue(Double.parseDouble(fields[1]) < 0, hyp.get(i));
    }
    // the cut is reported with file and line, not a crash
    List<String> warnings = run.errLines().stream().filter(l -> l.contains("warning")).toList();
    assertEquals(1, warnings.size(), run.err());
    assertTrue(warnings.get(0).contains(in + ":4: source cut from 10000 to 250 tokens"), warnings.get(0));
  }

  @Test
  void stdinToStdoutByDefault() throws IOException {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("λ ж ß\n\nü ö î é à\n".getBytes(StandardCharsets.UTF_8)));
      CliRun run = CliRun.of("translate", "-m", toy.model.toString());
      assertEquals(0, run.exitCode(), run.err());
      List<String> out = run.out().lines().toList();
      assertEquals(3, out.size(), run.out());
      assertEquals("", out.get(1));
      Translator translator = Translator.load(toy.model);
      assertEquals(translator.translate("λ ж ß").text(), out.get(0));
      assertEquals(translator.translate("ü ö î é à").text(), out.get(2));
      // no progress bar when writing to stdout
      assertFalse(run.err().contains("lines"), run.err());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void samplesAreSeededAndTabSeparatedOnTheLineOfTheirInput() throws IOException {
    Path in = tmp.resolve("in.txt");
    ToyModel.write(in, List.of("à é î ö", "", "ß ж λ ü é"));
    String[] common = {"translate", "-m", toy.model.toString(), "-i", in.toString(), "--sample",
        "--temperature", "2.5", "--n-samples", "4"};
    CliRun a = CliRun.of(concat(common, "--seed", "5"));
    CliRun b = CliRun.of(concat(common, "--seed", "5"));
    CliRun c = CliRun.of(concat(common, "--seed", "6"));
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(a.out(), b.out());
    assertNotEquals(a.out(), c.out());
    List<String> lines = a.out().lines().toList();
    assertEquals(3, lines.size());
    assertEquals(4, lines.get(0).split("\t", -1).length);
    assertEquals("", lines.get(1));
    CliRun scored = CliRun.of(concat(common, "--seed", "5", "--with-score", "--top-k", "3", "--top-p", "0.9"));
    assertEquals(0, scored.exitCode(), scored.err());
    assertEquals(8, scored.out().lines().toList().get(2).split("\t", -1).length);
  }

  @Test
  void userErrorsAreOneLineWithTheOptionOrFile() throws IOException {
    Path in = tmp.resolve("in.txt");
    ToyModel.write(in, List.of("à é"));
    CliRun noModel = CliRun.of("translate", "-m", tmp.resolve("missing.nmt4j").toString(), "-i", in.toString());
    assertEquals(1, noModel.exitCode());
    assertEquals(1, noModel.errLines().size(), noModel.err());
    assertTrue(noModel.err().contains("missing.nmt4j"), noModel.err());

    CliRun stray = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(), "--temperature", "0.5");
    assertEquals(2, stray.exitCode());
    assertTrue(stray.err().contains("--temperature needs --sample"), stray.err());

    CliRun greedySamples = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(), "--n-samples", "3");
    assertEquals(2, greedySamples.exitCode());
    assertTrue(greedySamples.err().contains("--n-samples 3 needs --sample"), greedySamples.err());

    CliRun badTopP = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(), "--sample", "--top-p", "0");
    assertEquals(2, badTopP.exitCode());
    assertTrue(badTopP.err().contains("--top-p must be in (0, 1]"), badTopP.err());

    CliRun badPenalty = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
        "--repetition-penalty", "0");
    assertEquals(2, badPenalty.exitCode());
    assertEquals(1, badPenalty.errLines().size(), badPenalty.err());
    assertTrue(badPenalty.err().contains("--repetition-penalty must be > 0"), badPenalty.err());
    CliRun badNgram = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
        "--no-repeat-ngram", "-1");
    assertEquals(2, badNgram.exitCode());
    assertTrue(badNgram.err().contains("--no-repeat-ngram must be >= 0"), badNgram.err());
    CliRun badMin = CliRun.of("translate", "-m", toy.model.toString(), "-i", in.toString(),
        "--min-length-ratio", "-1");
    assertEquals(2, badMin.exitCode());
    assertTrue(badMin.err().contains("--min-length-ratio must be >= 0"), badMin.err());

    Path bad = tmp.resolve("bad.txt");
    Files.write(bad, new byte[] {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
    Path out = tmp.resolve("never.txt");
    CliRun badUtf8 = CliRun.of("translate", "-m", toy.model.toString(), "-i", bad.toString(), "-o", out.toString());
    assertEquals(1, badUtf8.exitCode());
    assertTrue(badUtf8.err().contains(bad + ":2"), badUtf8.err());
    assertTrue(badUtf8.err().contains("UTF-8"), badUtf8.err());
    // nothing half-written: the output file was never created
    assertFalse(Files.exists(out));
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("never")));
    }
  }

  @Test
  void utf8InAndOutWhateverThePlatformDefault() throws Exception {
    // The JVM's process reaper thread runs with a tiny stack, which the OpenMP BLAS preloaded
    // for speed overflows: give it a normal stack, or waitFor() would never return.
    System.setProperty("jdk.lang.processReaperUseDefaultStackSize", "true");
    // a separate JVM whose default charset cannot even encode the symbols
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Dfile.encoding=ISO-8859-1",
        "-Dsun.stdout.encoding=ISO-8859-1", "-Dsun.stderr.encoding=ISO-8859-1",
        "-cp", System.getProperty("java.class.path"), "org.nmt4j.cli.Main",
        "translate", "-m", toy.model.toString());
    pb.environment().put("LC_ALL", "C");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    p.getOutputStream().write("ж λ à\n\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    String want = Translator.load(toy.model).translate("ж λ à").text() + "\n\n";
    assertEquals(want, new String(out, StandardCharsets.UTF_8));
    assertTrue(want.chars().anyMatch(ch -> ch > 127), "the output holds non-ASCII symbols");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
