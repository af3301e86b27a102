package org.nmt4j.translator.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectStreamConstants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.nn.Parameters;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.bpe.BpeMerges;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;

class ModelFileTest {
  private static final ExperimentConfig CONFIG = ConfigYaml.override(ExperimentConfig.defaults(),
      List.of(ConfigOverride.of("data.source-lang", "de"), ConfigOverride.of("data.bpe-merges", 2),
          ConfigOverride.of("model.encoder.hidden", 8),
          ConfigOverride.of("model.decoder.source-context", true)));

  private static Parameters parameters() {
    Parameters p = Parameters.builder(DataType.FLOAT)
        .add("source.embedding", 7, 3).add("encoder.l0.fwd.W", 3, 16).add("bias", 16).build();
    Random r = new Random(4);
    for (long i = 0; i < p.count(); i++) {
      p.flatValues().putScalar(0, i, r.nextGaussian());
    }
    return p;
  }

  private static TextProcessing text(boolean joint) {
    BpeMerges m1 = new BpeMerges(List.of(new BpeMerges.Merge("a", "b"), new BpeMerges.Merge("ab", "c</w>")));
    BpeMerges m2 = joint ? m1 : new BpeMerges(List.of(new BpeMerges.Merge("x", "y</w>")));
    return new TextProcessing("de", "en", TokenizerSpec.of("lucene", "de").withLowercase(true),
        TokenizerSpec.of("whitespace", "en"), m1, m2,
        Vocabulary.ofTokens(List.of("abc", "ab", "c")), Vocabulary.ofTokens(List.of("xy", "z", "q", "r")));
  }

  @Test
  void roundTripKeepsEverything(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("model.nmt4j");
    Parameters p = parameters();
    ModelFile.write(f, CONFIG, text(true), p, 1234);
    ModelFileContents c = ModelFile.read(f);
    assertEquals(CONFIG, c.config());
    assertEquals(p.names(), c.parameters().names());
    for (String n : p.names()) {
      assertArrayEquals(p.shape(n), c.parameters().shape(n));
    }
    assertEquals(p.flatValues(), c.parameters().flatValues());
    ModelManifest m = c.manifest();
    assertEquals(ModelFile.FORMAT, m.format());
    assertEquals(ModelFile.FORMAT_VERSION, m.formatVersion());
    assertEquals("de", m.sourceLanguage());
    assertEquals("en", m.targetLanguage());
    assertEquals(1234, m.trainingSteps());
    assertEquals(p.count(), m.parameters());
    assertTrue(m.created().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), m.created());
    assertEquals(Nmt4jVersion.get(), m.nmt4jVersion());
    assertEquals(text(true), c.text());
    assertSame(c.text().sourceMerges(), c.text().targetMerges());
    assertEquals(m, ModelFile.readManifest(f));
    try (ZipFile z = new ZipFile(f.toFile())) {
      List<String> names = z.stream().map(ZipEntry::getName).toList();
      assertEquals(List.of("manifest.json", "config.yaml", "text.json", "vocab/source.tsv",
          "vocab/target.tsv", "bpe/joint.merges", "weights/index.json", "weights/00000.npy",
          "weights/00001.npy", "weights/00002.npy"), names);
      // no entry is a Java serialization stream
      for (ZipEntry e : z.stream().toList()) {
        byte[] head = z.getInputStream(e).readNBytes(2);
        assertTrue(head.length < 2 || ((head[0] & 0xff) << 8 | (head[1] & 0xff))
            != (ObjectStreamConstants.STREAM_MAGIC & 0xffff), e.getName());
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void separateMergesAndNoMergesRoundTrip(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.nmt4j");
    ModelFile.write(f, CONFIG, text(false), parameters(), 1);
    assertEquals(text(false), ModelFile.read(f).text());
    TextProcessing none = new TextProcessing("und", "und", TokenizerSpec.of("char", "und"),
        TokenizerSpec.of("char", "und"), null, null, Vocabulary.ofTokens(List.of("a")),
        Vocabulary.ofTokens(List.of("a")));
    ModelFile.write(f, CONFIG, none, parameters(), 1);
    TextProcessing back = ModelFile.read(f).text();
    assertNull(back.sourceMerges());
    assertTrue(back.sharedVocabulary());
  }

  private static String error(Path f) {
    return assertThrows(ModelFileException.class, () -> ModelFile.read(f)).getMessage();
  }

  private static Path good(Path dir) throws IOException {
    Path f = dir.resolve("model.nmt4j");
    ModelFile.write(f, CONFIG, text(true), parameters(), 5);
    return f;
  }

  /** The entries of a good file, to rewrite with changes. */
  private static Map<String, byte[]> entries(Path f) throws IOException {
    Map<String, byte[]> m = new java.util.LinkedHashMap<>();
    try (ZipFile z = new ZipFile(f.toFile())) {
      for (ZipEntry e : z.stream().toList()) {
        m.put(e.getName(), z.getInputStream(e).readAllBytes());
      }
    }
    return m;
  }

  private static Path rewrite(Path f, Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    Files.write(f, bytes.toByteArray());
    return f;
  }

  @Test
  void nonFiniteWeightsAreRefusedNamingFileAndTensor(@TempDir Path dir) throws IOException {
    Parameters p = parameters();
    p.value("encoder.l0.fwd.W").putScalar(1, 2, Float.NaN);
    Path f = dir.resolve("broken.nmt4j");
    ModelFile.write(f, CONFIG, text(true), p, 5);
    assertEquals(f + ": tensor 'encoder.l0.fwd.W' holds a non-finite weight (NaN at flat index "
        + "18); the model is broken (was it saved from a diverged run?)", error(f));
  }

  @Test
  void aDirectoryIsNotAModelFile(@TempDir Path dir) {
    assertEquals(dir + ": is a directory, not a file", error(dir));
  }

  @Test
  void truncatedFileIsRefused(@TempDir Path dir) throws IOException {
    Path f = good(dir);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    String m = error(f);
    assertTrue(m.startsWith(f + ": not a valid nmt4j model file (corrupt or truncated zip"), m);
  }

  @Test
  void corruptedBytesAreFoundByChecksum(@TempDir Path dir) throws IOException {
    Path f = good(dir);
    byte[] all = Files.readAllBytes(f);
    // damage the first weights entry's data: find its name in the local header and flip bytes after it
    byte[] name = "weights/00000.npy".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(all, name) + name.length + 40;
    for (int i = 0; i < 8; i++) {
      all[at + i] ^= 0x5A;
    }
    Files.write(f, all);
    String m = error(f);
    assertTrue(m.startsWith(f + ": entry 'weights/00000.npy' is corrupt"), m);
    assertTrue(!m.contains("\n"));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void newerFormatIsRefusedWithAnUpgradeHint(@TempDir Path dir) throws IOException {
    Path f = good(dir);
    Map<String, byte[]> e = entries(f);
    String manifest = new String(e.get("manifest.json"), StandardCharsets.UTF_8)
        .replace("\"format-version\" : 1", "\"format-version\" : 3");
    e.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    rewrite(f, e);
    assertTrue(error(f).startsWith(f + ": model format version 3 is newer than this nmt4j"), error(f));
  }

  @Test
  void unsafeEntryNamesAreRefused(@TempDir Path dir) throws IOException {
    for (String bad : List.of("../evil.txt", "weights/../../x", "/etc/passwd", "C:/x", "a\\..\\b")) {
      Path f = good(dir);
      Map<String, byte[]> e = entries(f);
      e.put(bad, new byte[] {1});
      rewrite(f, e);
      String m = error(f);
      assertTrue(m.startsWith(f + ": unsafe entry name '" + bad + "'"), m);
    }
  }

  @Test
  void otherDamageGetsOneLineNamingTheFile(@TempDir Path dir) throws IOException {
    Path f = good(dir);
    Map<String, byte[]> e = entries(f);
    Map<String, byte[]> noConfig = new TreeMap<>(e);
    noConfig.remove("config.yaml");
    rewrite(f, noConfig);
    assertEquals(f + ": missing entry 'config.yaml'", error(f));

    Map<String, byte[]> badVocab = new java.util.LinkedHashMap<>(e);
    badVocab.put("vocab/target.tsv", "<pad>\t0\n<unk>\t0\n<s>\t0\n</s>\t0\nxy 3\n".getBytes(StandardCharsets.UTF_8));
    rewrite(f, badVocab);
    assertEquals(f + ": vocab/target.tsv:5: no tab; expected token<TAB>count", error(f));

    Map<String, byte[]> badShape = new java.util.LinkedHashMap<>(e);
    badShape.put("weights/00001.npy", e.get("weights/00000.npy"));
    rewrite(f, badShape);
    assertEquals(f + ": weights 'encoder.l0.fwd.W' has shape [7, 3], expected [3, 16]", error(f));

    Map<String, byte[]> notModel = new java.util.LinkedHashMap<>(e);
    notModel.put("manifest.json", "{\"format\": \"something\"}".getBytes(StandardCharsets.UTF_8));
    rewrite(f, notModel);
    assertEquals(f + ": not an nmt4j model (manifest.json has no format 'nmt4j-model')", error(f));

    Map<String, byte[]> badConfig = new java.util.LinkedHashMap<>(e);
    badConfig.put("config.yaml", "training:\n  speed: 3\n".getBytes(StandardCharsets.UTF_8));
    rewrite(f, badConfig);
    assertTrue(error(f).startsWith(f + ": config.yaml:2: unknown key 'training.speed'"), error(f));

    Files.writeString(f, "this is not a zip file at all");
    assertTrue(error(f).startsWith(f + ": not a valid nmt4j model file"), error(f));

    Path missing = dir.resolve("nope.nmt4j");
    assertEquals(missing + ": no such file", error(missing));
  }
}
