package org.nmt4j.translator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusException;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.toy.ToyCorpus;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.DataConfig;
import org.nmt4j.translator.config.ExperimentConfig;

class DataPreparationTest {
  private static DataConfig config(Object... pathValues) {
    List<ConfigOverride> o = new ArrayList<>();
    for (int i = 0; i < pathValues.length; i += 2) {
      o.add(ConfigOverride.of("data." + pathValues[i], pathValues[i + 1]));
    }
    return ConfigYaml.override(ExperimentConfig.defaults(), o).data();
  }

  private static ToyCorpus reverse() {
    return new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 300, 5).withHeldOut(20, 0))
        .generate();
  }

  @Test
  void encodesToyPairsAndSavesVocabularies(@TempDir Path out) throws Exception {
    ToyCorpus toy = reverse();
    List<String> log = new ArrayList<>();
    PreparedData d = new DataPreparation(config(), log::add).prepare(toy.train(), toy.valid(), out, false);
    assertEquals(300, d.train().size());
    assertEquals(20, d.valid().size());
    assertEquals(24, d.text().sourceVocabulary().size()); // 4 specials + 20 tokens
    assertEquals(1.0, d.report().sourceCoverage());
    SentencePair first = toy.train().get(0);
    Vocabulary sv = d.text().sourceVocabulary();
    assertEquals(first.source(), String.join(" ", sv.decode(d.train().get(0).source())));
    assertEquals(first.target(),
        String.join(" ", d.text().targetVocabulary().decode(d.train().get(0).target())));
    assertEquals(sv, Vocabulary.load(out.resolve(DataPreparation.SOURCE_VOCAB_FILE)));
    assertFalse(Files.exists(out.resolve(DataPreparation.JOINT_MERGES_FILE)));
    assertEquals(4, log.size(), log.toString());
    assertEquals(300, d.trainingData().trainPairs());
    assertTrue(d.trainingData().hasValidation());
  }

  @Test
  void filtersLongAndEmptyPairsAndCountsThem() throws Exception {
    List<SentencePair> train = List.of(
        new SentencePair("a b c", "x y z", "t", 1),
        new SentencePair("a b c d e f", "x", "t", 2),
        new SentencePair("", "x", "t", 3),
        new SentencePair("a", "y", "t", 4));
    PreparedData d = new DataPreparation(config("max-length", 5), s -> { })
        .prepare(train, null, null, false);
    assertEquals(2, d.train().size());
    assertEquals(4, d.report().trainRead());
    assertEquals(1L, d.report().drops().get("empty-side"));
    assertEquals(1L, d.report().drops().get("too-many-tokens"));
    assertEquals(0, d.report().validPairs());
    assertFalse(d.trainingData().hasValidation());
  }

  @Test
  void jointBpeIsLearnedSavedAndReusedOnResume(@TempDir Path out) throws Exception {
    List<SentencePair> train = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      train.add(new SentencePair("lower lowest newer newest " + i, "lowest newer wider " + i, "t", i + 1));
    }
    DataConfig c = config("bpe-merges", 20, "shared-vocab", true);
    PreparedData d = new DataPreparation(c, s -> { }).prepare(train, null, out, false);
    assertEquals(20, d.report().bpeMerges());
    assertSame(d.text().sourceMerges(), d.text().targetMerges());
    assertSame(d.text().sourceVocabulary(), d.text().targetVocabulary());
    assertTrue(Files.exists(out.resolve(DataPreparation.JOINT_MERGES_FILE)));
    // a resumed run reads the files back and gets the same ids
    PreparedData again = new DataPreparation(c, s -> { }).prepare(train, null, out, true);
    assertTrue(again.report().reusedFiles());
    assertEquals(d.text().sourceMerges(), again.text().sourceMerges());
    assertEquals(d.text().sourceVocabulary(), again.text().sourceVocabulary());
    for (int i = 0; i < train.size(); i++) {
      assertArrayEquals(d.train().get(i).source(), again.train().get(i).source());
    }
    // subwords really are used: the encoded sentence decodes through the pipeline
    List<String> tokens = d.text().sourceVocabulary().decode(d.train().get(3).source());
    assertEquals("lower lowest newer newest 3", d.text().sourcePipeline().decode(tokens));
  }

  @Test
  void readsCorpusFilesAndReportsTheirErrors(@TempDir Path dir) throws Exception {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 50, 1).withHeldOut(5, 0)).write(dir);
    PreparedData d = new DataPreparation(config(), s -> { }).prepare(
        CorpusSpec.aligned(dir.resolve("train.src"), dir.resolve("train.tgt")),
        CorpusSpec.aligned(dir.resolve("valid.src"), dir.resolve("valid.tgt")), dir.resolve("out"), false);
    assertEquals(50, d.train().size());
    assertEquals(5, d.valid().size());
    Files.writeString(dir.resolve("bad.tgt"), "x\n");
    CorpusException e = assertThrows(CorpusException.class, () -> new DataPreparation(config(), s -> { })
        .prepare(CorpusSpec.aligned(dir.resolve("train.src"), dir.resolve("bad.tgt")), null, null, false));
    assertTrue(e.getMessage().contains("bad.tgt"), e.getMessage());
  }

  @Test
  void prebuiltVocabulariesAreUsedAndMissingOnesNamed(@TempDir Path dir) throws Exception {
    Vocabulary v = Vocabulary.ofTokens(List.of("a", "b"));
    v.save(dir.resolve("v.tsv"));
    List<SentencePair> train = List.of(new SentencePair("a b c", "b", "t", 1));
    PreparedData d = new DataPreparation(config("source-vocab", dir.resolve("v.tsv").toString(),
        "target-vocab", dir.resolve("v.tsv").toString()), s -> { }).prepare(train, null, null, false);
    assertEquals(v, d.text().sourceVocabulary());
    assertArrayEquals(new int[] {4, 5, Vocabulary.UNK}, d.train().get(0).source());
    Exception e = assertThrows(IllegalArgumentException.class, () -> new DataPreparation(
        config("source-vocab", "nope.tsv", "target-vocab", "nope.tsv"), s -> { })
        .prepare(train, null, null, false));
    assertEquals("data.source-vocab: no such file: nope.tsv", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DataPreparation(config(), s -> { })
        .prepare(List.of(new SentencePair("", "", "t", 1)), null, null, false));
  }

  private static List<SentencePair> words(int n, int seed) {
    java.util.Random r = new java.util.Random(seed);
    String[] w = {"lower", "lowest", "newer", "newest", "wider", "widest", "low", "new", "Hund", "Katze"};
    List<SentencePair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder s = new StringBuilder();
      StringBuilder t = new StringBuilder();
      for (int k = 0; k < 2 + r.nextInt(6); k++) {
        s.append(w[r.nextInt(w.length)]).append(k % 3 == 2 ? ", " : " ");
        t.append(w[r.nextInt(w.length)]).append(' ');
      }
      out.add(new SentencePair(s.toString().strip() + ".", t.toString().strip(), "t", i + 1));
    }
    return out;
  }

  @Test
  void streamedIdsEqualEncodingEachSentenceAloneWhateverTheThreads(@TempDir Path dir) throws Exception {
    List<SentencePair> train = words(700, 1);
    DataConfig c = config("bpe-merges", 30, "min-freq", 1);
    PreparedData one = new DataPreparation(c, s -> { }, 1).prepare(train, null, dir.resolve("a"), false);
    PreparedData three = new DataPreparation(c, s -> { }, 3).prepare(train, null, dir.resolve("b"), false);
    assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(DataPreparation.encodedFile(1))),
        Files.readAllBytes(dir.resolve("b").resolve(DataPreparation.encodedFile(1))));
    List<org.nmt4j.corpora.batch.EncodedPair> pairs = three.train();
    assertEquals(700, pairs.size());
    for (int i = 0; i < 700; i++) {
      assertArrayEquals(one.text().sourceVocabulary().encode(
          one.text().sourcePipeline().encode(train.get(i).source())), pairs.get(i).source(), "pair " + i);
      assertArrayEquals(one.text().targetVocabulary().encode(
          one.text().targetPipeline().encode(train.get(i).target())), pairs.get(i).target(), "pair " + i);
    }
  }

  @Test
  void theConfiguredFiltersDropAndCountByRule() throws Exception {
    List<SentencePair> train = List.of(
        new SentencePair("a b c", "x y z", "t", 1),
        new SentencePair("a b c", "x y z", "t", 2),
        new SentencePair("A b, c!", "x Y z", "t", 3),
        new SentencePair("same", "Same", "t", 4),
        new SentencePair("a b c d e f g", "x", "t", 5),
        new SentencePair("Привет", "x", "t", 6),
        new SentencePair("d e", "w v", "t", 7));
    List<String> log = new ArrayList<>();
    PreparedData d = new DataPreparation(config("filters", java.util.Map.of(
        "max-length-ratio", 3.0, "duplicates", true, "near-duplicates", true,
        "source-equals-target", true, "source-script", "Latin")), log::add)
        .prepare(train, null, null, false);
    assertEquals(2, d.report().trainKept());
    java.util.Map<String, Long> drops = d.report().drops();
    assertEquals(1L, drops.get("duplicate"));
    assertEquals(1L, drops.get("near-duplicate"));
    assertEquals(1L, drops.get("source-equals-target"));
    assertEquals(1L, drops.get("length-ratio"));
    assertEquals(1L, drops.get("wrong-script"));
    assertEquals(7, d.report().trainRead());
    assertTrue(log.get(0).contains("near-duplicate=1"), log.get(0));
  }

  @Test
  void weightedCorporaAreEncodedApartAndMixedThreeToOne(@TempDir Path dir) throws Exception {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 90, 1).withHeldOut(0, 0)).write(dir.resolve("a"));
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.COPY, 500, 2).withHeldOut(0, 0)).write(dir.resolve("b"));
    List<String> log = new ArrayList<>();
    PreparedData d = new DataPreparation(config(), log::add).prepare(List.of(
        new TrainCorpus(CorpusSpec.aligned(dir.resolve("a/train.src"), dir.resolve("a/train.tgt")), 3),
        new TrainCorpus(CorpusSpec.aligned(dir.resolve("b/train.src"), dir.resolve("b/train.tgt")), 1)),
        null, dir.resolve("out"), false);
    assertEquals(2, d.trainFiles().size());
    assertEquals(90, d.trainFiles().get(0).pairs());
    assertEquals(500, d.trainFiles().get(1).pairs());
    assertEquals(590, d.report().trainKept());
    assertEquals(120, d.trainingData().trainPairs()); // one pass over a, a third as many of b
    assertTrue(log.get(0).startsWith("corpus 1 ("), log.toString());
    assertTrue(log.get(1).contains("weight 1"), log.toString());
  }

  @Test
  void aResumedRunReusesTheEncodedCorpusUnlessTheInputChanged(@TempDir Path dir) throws Exception {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 60, 1).withHeldOut(0, 0)).write(dir);
    CorpusSpec spec = CorpusSpec.aligned(dir.resolve("train.src"), dir.resolve("train.tgt"));
    Path out = dir.resolve("out");
    PreparedData first = new DataPreparation(config(), s -> { }).prepare(spec, null, out, false);
    List<String> log = new ArrayList<>();
    PreparedData again = new DataPreparation(config(), log::add).prepare(spec, null, out, true);
    assertTrue(log.get(0).startsWith("reusing the encoded training data"), log.toString());
    assertEquals(first.report().trainKept(), again.report().trainKept());
    assertEquals(first.report().sourceVocabularySize(), again.report().sourceVocabularySize());
    Files.writeString(dir.resolve("train.src"), Files.readString(dir.resolve("train.src")) + "a b\n");
    Files.writeString(dir.resolve("train.tgt"), Files.readString(dir.resolve("train.tgt")) + "b a\n");
    log.clear();
    PreparedData changed = new DataPreparation(config(), log::add).prepare(spec, null, out, true);
    assertTrue(log.get(0).startsWith("read and tokenized 61"), log.toString());
    assertEquals(61, changed.trainFiles().get(0).pairs());
  }
}
