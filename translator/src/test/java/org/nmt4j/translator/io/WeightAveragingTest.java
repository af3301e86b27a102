package org.nmt4j.translator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.Parameters;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.translator.train.checkpoint.Checkpoint;
import org.nmt4j.translator.train.checkpoint.CheckpointFile;
import org.nmt4j.translator.train.checkpoint.TrainingState;

class WeightAveragingTest {
  static final ExperimentConfig CONFIG = ConfigYaml.override(ExperimentConfig.defaults(), List.of(
      ConfigOverride.of("data.bpe-merges", 0),
      ConfigOverride.of("model.encoder.embedding", 3), ConfigOverride.of("model.encoder.hidden", 4),
      ConfigOverride.of("model.decoder.embedding", 3), ConfigOverride.of("model.decoder.hidden", 4)));
  static final TextProcessing TEXT = new TextProcessing("de", "en",
      TokenizerSpec.of("whitespace", "de"), TokenizerSpec.of("whitespace", "en"), null, null,
      Vocabulary.ofTokens(List.of("a", "b", "c")), Vocabulary.ofTokens(List.of("x", "y")));

  static Parameters weights(ExperimentConfig config, long seed) {
    return Seq2SeqModel.initialise(config.model(), TEXT.sourceVocabulary().size(),
        TEXT.targetVocabulary().size(), DataType.FLOAT, seed).parameters();
  }

  static Path checkpoint(Path dir, String name, Parameters p, long step) throws Exception {
    Path f = dir.resolve(name);
    TrainingState s = new TrainingState(step, 1, step, 1e-3, 0, 0, 0, -1, 0, 0, -1, 1, 1.0);
    CheckpointFile.write(f, new Checkpoint(s, ConfigYaml.toYaml(CONFIG), p.flatValues().dup(),
        p.flatValues().dup().reshape(1, p.count()).repeat(1, 2)));
    return f;
  }

  @Test
  void averageIsTheElementwiseMeanOfModelsAndCheckpoints(@TempDir Path dir) throws Exception {
    Parameters a = weights(CONFIG, 1);
    Parameters b = weights(CONFIG, 2);
    Parameters c = weights(CONFIG, 3);
    Path fa = dir.resolve("a.nmt4j");
    ModelFile.write(fa, CONFIG, TEXT, a, 100);
    Path fb = checkpoint(dir, "checkpoint-200.zip", b, 200);
    Path fc = dir.resolve("c.nmt4j");
    ModelFile.write(fc, CONFIG, TEXT, c, 300);
    Path out = dir.resolve("avg.nmt4j");
    WeightAveraging.Summary s = WeightAveraging.average(List.of(fb, fa, fc), out);
    assertEquals(3, s.inputs());
    assertEquals(100, s.minStep());
    assertEquals(300, s.maxStep());
    ModelFileContents m = ModelFile.read(out);
    assertEquals(CONFIG, m.config());
    assertEquals(TEXT, m.text());
    assertEquals(300, m.manifest().trainingSteps());
    INDArray expected = a.flatValues().add(b.flatValues()).addi(c.flatValues()).divi(3);
    double worst = 0;
    for (String name : a.names()) {
      worst = Math.max(worst, m.parameters().value(name).reshape(-1)
          .sub(expected.reshape(-1).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(
              offset(a, name), offset(a, name) + a.value(name).length())))
          .amaxNumber().doubleValue());
    }
    assertTrue(worst < 1e-7, "max abs diff " + worst);
    // the averaged file is a model a Seq2SeqModel accepts
    Seq2SeqModel.fromParameters(m.config().model(), TEXT.sourceVocabulary().size(),
        TEXT.targetVocabulary().size(), m.parameters());
  }

  private static long offset(Parameters p, String name) {
    long o = 0;
    for (String n : p.names()) {
      if (n.equals(name)) {
        return o;
      }
      o += p.value(n).length();
    }
    throw new IllegalArgumentException(name);
  }

  @Test
  void mismatchesAndMissingModelFileGetOneLineErrors(@TempDir Path dir) throws Exception {
    Path fa = dir.resolve("a.nmt4j");
    ModelFile.write(fa, CONFIG, TEXT, weights(CONFIG, 1), 100);
    Path ck = checkpoint(dir, "checkpoint-5.zip", weights(CONFIG, 2), 5);
    Path out = dir.resolve("avg.nmt4j");
    String only = assertThrows(IllegalArgumentException.class,
        () -> WeightAveraging.average(List.of(ck, ck), out)).getMessage();
    assertTrue(only.contains("at least one model file"), only);

    ExperimentConfig wider = ConfigYaml.override(CONFIG,
        List.of(ConfigOverride.of("model.decoder.hidden", 6), ConfigOverride.of("model.encoder.hidden", 6)));
    Path fw = dir.resolve("wide.nmt4j");
    ModelFile.write(fw, wider, TEXT, weights(wider, 1), 100);
    String arch = assertThrows(ModelFileException.class,
        () -> WeightAveraging.average(List.of(fa, fw), out)).getMessage();
    assertTrue(arch.startsWith(fw + ": its model architecture differs"), arch);

    Path junk = dir.resolve("junk.zip");
    Files.writeString(junk, "not a zip");
    String bad = assertThrows(ModelFileException.class,
        () -> WeightAveraging.average(List.of(fa, junk), out)).getMessage();
    assertEquals(junk + ": neither an nmt4j model file nor a checkpoint", bad);
    for (String m : List.of(only, arch, bad)) {
      assertTrue(!m.contains("\n"), m);
    }
    assertTrue(!Files.exists(out), "nothing written on error");
  }
}
