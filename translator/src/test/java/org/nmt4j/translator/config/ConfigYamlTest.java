package org.nmt4j.translator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlTest {
  private static ExperimentConfig parse(String yaml) {
    return ConfigYaml.parse(yaml, "cfg.yaml");
  }

  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void embeddingDropoutIsTheModelsAndTheOldTrainingKeyStillReads() {
    ExperimentConfig c = parse("model:\n  encoder:\n    embedding-dropout: 0.2\n");
    assertEquals(0.2, c.model().encoder().embeddingDropout());
    assertEquals(0.0, c.model().decoder().embeddingDropout());
    // configs and model files written before the move keep their meaning
    ExperimentConfig old = parse("training:\n  embedding-dropout: 0.3\n");
    assertEquals(0.3, old.model().encoder().embeddingDropout());
    assertEquals(0.3, old.model().decoder().embeddingDropout());
    ExperimentConfig mixed = parse(
        "model:\n  decoder:\n    embedding-dropout: 0.1\ntraining:\n  embedding-dropout: 0.3\n");
    assertEquals(0.3, mixed.model().encoder().embeddingDropout());
    assertEquals(0.1, mixed.model().decoder().embeddingDropout(), "the new key wins");
    ExperimentConfig overridden = ConfigYaml.override(ExperimentConfig.defaults(),
        java.util.List.of(ConfigOverride.of("training.embedding-dropout", 0.4)));
    assertEquals(0.4, overridden.model().decoder().embeddingDropout());
    assertEquals("cfg.yaml:3: decoder.embedding-dropout must be in [0, 1), got 1.5",
        error("model:\n  decoder:\n    embedding-dropout: 1.5\n"));
  }

  @Test
  void cellsAreReadWrittenAndCheckedOnEachSide() {
    ExperimentConfig c = parse("model:\n  encoder:\n    cell: gru\n  decoder:\n    cell: rnn\n");
    assertEquals("gru", c.model().encoder().cell());
    assertEquals("rnn", c.model().decoder().cell());
    assertEquals("lstm", parse("model:\n  encoder:\n    hidden: 8\n").model().decoder().cell(),
        "a config without a cell (such as one in a model file from before cells) means lstm");
    assertEquals(c, parse(ConfigYaml.toYaml(c)));
    assertEquals("cfg.yaml:3: encoder.cell must be one of lstm, gru, rnn, got 'lstn'",
        error("model:\n  encoder:\n    cell: lstn\n"));
    assertEquals("cfg.yaml:3: decoder.cell must be one of lstm, gru, rnn, got 'GRU'",
        error("model:\n  decoder:\n    cell: GRU\n"));
  }

  @Test
  void theMulti30kRecipeIsAValidConfig() throws Exception {
    // Maven runs a module's tests in the module directory
    Path recipe = Path.of("..", "recipes", "multi30k-de-en.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(recipe),
        "not run from the module directory: skipping");
    ExperimentConfig c = ConfigYaml.read(recipe);
    assertEquals("de", c.data().sourceLang());
    assertTrue(c.model().decoder().sourceContext());
    assertEquals(10, c.training().keepCheckpoints());
    assertEquals(0.1, c.training().labelSmoothing());
    assertEquals(0.3, c.model().encoder().embeddingDropout());
    assertEquals(0.3, c.model().decoder().embeddingDropout());
    assertEquals("bleu", c.training().validMetric());
    assertEquals(0, c.training().validBleuSentences());
    assertEquals("gru", c.model().encoder().cell());
    assertEquals("gru", c.model().decoder().cell());
  }

  @Test
  void emptyDocumentGivesDefaults() {
    assertEquals(ExperimentConfig.defaults(), parse(""));
    assertEquals(ExperimentConfig.defaults(), parse("# only a comment\n"));
    assertEquals(ExperimentConfig.defaults(), parse("training: {}\n"));
  }

  @Test
  void givenKeysReplaceOnlyTheirDefaults() {
    ExperimentConfig c = parse("""
        training:
          learning-rate: 0.01
          lr-decay:
            factor: 0.7
        model:
          encoder: {embedding: 32, hidden: 48, layers: 3, dropout: 0.1}
          decoder:
            tie-embeddings: true
            embedding: 64
            hidden: 64
        data:
          source-tokenizer: lucene,lowercase
          source-lang: de
          bpe-merges: 500
          source-vocab: v.src
          target-vocab: v.tgt
        """);
    ExperimentConfig d = ExperimentConfig.defaults();
    assertEquals(0.01, c.training().learningRate());
    assertEquals(0.7, c.training().lrDecay().factor());
    assertEquals(d.training().lrDecay().patience(), c.training().lrDecay().patience());
    assertEquals(d.training().batchSize(), c.training().batchSize());
    assertEquals(32, c.model().encoder().embeddingSize());
    assertEquals(48, c.model().encoder().hiddenSize());
    assertEquals(3, c.model().encoder().layers());
    assertTrue(c.model().decoder().tieEmbeddings());
    assertEquals(d.model().decoder().layers(), c.model().decoder().layers());
    assertEquals("de", c.data().sourceTokenizerSpec().language());
    assertTrue(c.data().sourceTokenizerSpec().lowercase());
    assertEquals("lucene", c.data().sourceTokenizerSpec().kind());
    assertEquals(500, c.data().bpeMerges());
    assertEquals("v.src", c.data().sourceVocab());
  }

  @Test
  void unknownKeyNamesItsPathLineAndTheValidKeys() {
    String m = error("training:\n  batch-size: 8\n  learnin-rate: 0.1\n");
    assertTrue(m.startsWith("cfg.yaml:3: unknown key 'training.learnin-rate'; valid keys under training: "
        + "batch-size, token-budget, max-steps"), m);
    assertTrue(m.contains("learning-rate"), m);
    String top = error("trainig:\n  batch-size: 8\n");
    assertEquals("cfg.yaml:1: unknown key 'trainig'; valid keys: data, model, training", top);
    String deep = error("model:\n  encoder:\n    hiden: 3\n");
    assertEquals("cfg.yaml:3: unknown key 'model.encoder.hiden'; valid keys under model.encoder: "
        + "cell, embedding, hidden, layers, dropout, embedding-dropout", deep);
  }

  @Test
  void wrongTypesNameTheKey() {
    assertEquals("cfg.yaml:2: training.batch-size must be an integer, got 'abc'",
        error("training:\n  batch-size: abc\n"));
    assertEquals("cfg.yaml:2: training.batch-size must be an integer, got '1.5'",
        error("training:\n  batch-size: 1.5\n"));
    assertEquals("cfg.yaml:2: training.learning-rate must be a number, got 'fast'",
        error("training:\n  learning-rate: fast\n"));
    assertEquals("cfg.yaml:2: data.shared-vocab must be true or false, got '1'",
        error("data:\n  shared-vocab: 1\n"));
    assertTrue(error("training: 5\n").startsWith("cfg.yaml:1: training must be a mapping with the keys batch-size"));
    assertTrue(error("training:\n  lr-decay: 0.5\n").startsWith("cfg.yaml:2: training.lr-decay must be a mapping"));
    assertEquals("cfg.yaml:2: training.clip-norm must be a number, got a list",
        error("training:\n  clip-norm: [1, 2]\n"));
    assertEquals("cfg.yaml:2: training.clip-norm must be a number, got nothing",
        error("training:\n  clip-norm:\n"));
    assertTrue(error("- a\n- b\n").startsWith("cfg.yaml: must be a mapping with the sections data, model, training"));
  }

  @Test
  void invalidValuesFailWithTheRecordsMessages() {
    assertEquals("cfg.yaml:3: training.learning-rate must be > 0, got -1.0",
        error("training:\n  batch-size: 8\n  learning-rate: -1\n"));
    assertEquals("cfg.yaml:2: training.valid-metric must be one of [ppl, bleu], got 'chrf'",
        error("training:\n  valid-metric: chrf\n"));
    assertEquals("cfg.yaml:3: training.valid-bleu-sentences must be >= 0, got -1",
        error("training:\n  valid-metric: bleu\n  valid-bleu-sentences: -1\n"));
    assertEquals("cfg.yaml:3: encoder.hidden must be >= 1, got 0",
        error("model:\n  encoder:\n    hidden: 0\n"));
    assertTrue(error("model:\n  decoder:\n    layers: 3\n")
        .startsWith("cfg.yaml:3: decoder.layers (3) may not exceed encoder.layers (2)"));
    assertTrue(error("data:\n  target-tokenizer: spacy\n")
        .startsWith("cfg.yaml:2: data.target-tokenizer: unknown tokenizer 'spacy', valid values: corenlp"));
    assertTrue(error("data:\n  source-lang: xx\n").startsWith("cfg.yaml:2: data.source-lang: unknown language 'xx'"));
    assertEquals("cfg.yaml:1: training needs a limit: set training.max-steps or training.epochs to a value >= 1",
        error("training:\n  epochs: 0\n"));
  }

  @Test
  void validationDecodingRulesAreReadAndValidated() {
    assertEquals(ValidDecodingConfig.defaults(), parse("training: {seed: 7}\n").training().validDecoding());
    ExperimentConfig c = parse("training:\n  valid-decoding: {no-repeat-ngram: 3, repetition-penalty: 1.2}\n");
    assertEquals(new ValidDecodingConfig(3, 1.2, 0.0), c.training().validDecoding());
    assertEquals(c, parse(ConfigYaml.toYaml(c)));
    assertEquals("cfg.yaml:3: training.valid-decoding.repetition-penalty must be > 0 and finite"
        + " (1 = off), got 0.0",
        error("training:\n  valid-decoding:\n    repetition-penalty: 0\n"));
    assertEquals("cfg.yaml:3: training.valid-decoding.no-repeat-ngram must be >= 0 (0 = off), got -2",
        error("training:\n  valid-decoding:\n    no-repeat-ngram: -2\n"));
    assertEquals("cfg.yaml:3: training.valid-decoding.min-length-ratio must be >= 0 and finite"
        + " (0 = off), got -0.5",
        error("training:\n  valid-decoding:\n    min-length-ratio: -0.5\n"));
  }

  @Test
  void badYamlAndDuplicateKeysFail() {
    assertTrue(error("training:\n  batch-size: 8\n  batch-size: 9\n").contains("batch-size"));
    assertTrue(error("training: {batch-size: 8\n").startsWith("cfg.yaml:"), error("training: {batch-size: 8\n"));
  }

  @Test
  void yamlRoundTripKeepsEveryField() {
    ExperimentConfig c = parse("""
        data: {source-lang: de, target-lang: en, bpe-merges: 10, shared-vocab: true, source-tokenizer: corenlp}
        training: {max-steps: 123, epochs: 0, learning-rate: 3.0e-4, adam-epsilon: 1.0e-9, seed: 99}
        model:
          init: {scheme: xavier, identity-recurrent: true}
        """);
    String yaml = ConfigYaml.toYaml(c);
    assertEquals(c, parse(yaml));
    for (String key : List.of("learning-rate:", "lr-decay:", "tie-embeddings:", "identity-recurrent:",
        "source-vocab:", "early-stopping-patience:", "valid-metric:")) {
      assertTrue(yaml.contains(key), key + " missing in\n" + yaml);
    }
    assertEquals(ExperimentConfig.defaults(), parse(ConfigYaml.toYaml(ExperimentConfig.defaults())));
  }

  @Test
  void writeIsAtomicAndReadable(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("config.yaml");
    ExperimentConfig c = parse("training: {seed: 7}\n");
    ConfigYaml.write(c, f);
    ConfigYaml.write(c, f);
    assertEquals(c, ConfigYaml.read(f));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList());
    }
    Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});
    assertEquals(f + ": invalid UTF-8",
        assertThrows(ConfigException.class, () -> ConfigYaml.read(f)).getMessage());
  }

  @Test
  void overridesApplyInOrderAndNameTheirOrigin() {
    ExperimentConfig c = ConfigYaml.override(ExperimentConfig.defaults(), List.of(
        new ConfigOverride("training.learning-rate", 0.5, "--lr"),
        new ConfigOverride("model.encoder.hidden", 16, "--hidden"),
        new ConfigOverride("training.lr-decay.patience", 4, "--x"),
        new ConfigOverride("data.source-vocab", "a", "--src-vocab"),
        new ConfigOverride("data.target-vocab", "b", "--tgt-vocab")));
    assertEquals(0.5, c.training().learningRate());
    assertEquals(16, c.model().encoder().hiddenSize());
    assertEquals(4, c.training().lrDecay().patience());
    assertEquals("b", c.data().targetVocab());
    assertEquals("--lr: training.learning-rate must be > 0, got -1.0",
        assertThrows(ConfigException.class, () -> ConfigYaml.override(c,
            List.of(new ConfigOverride("training.learning-rate", -1.0, "--lr")))).getMessage());
    assertEquals("--batch-size: training.batch-size must be an integer, got 'x'",
        assertThrows(ConfigException.class, () -> ConfigYaml.override(c,
            List.of(new ConfigOverride("training.batch-size", "x", "--batch-size")))).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> ConfigYaml.override(c,
        List.of(ConfigOverride.of("training.nope", 1)))).getMessage()
        .startsWith("training.nope: unknown key 'training.nope'; valid keys under training: batch-size"));
  }
}
