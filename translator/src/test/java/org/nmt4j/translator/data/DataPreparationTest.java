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
    assertEquals(3, log.size(), log.toString());
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
}
