package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.run.TrainingCsvLog;

/**
 * {@code train} and {@code vocab} read TSV and TMX (and gzipped TSV) like aligned files: the same
 * pairs in another form give the same vocabulary, the same training losses and a model that
 * translates the same; several corpora mix by weight.
 */
class CorpusFormatsTrainTest {
  @TempDir static Path data;
  static List<String> src;
  static List<String> tgt;

  @BeforeAll
  static void corpora() throws Exception {
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 160, 4).withHeldOut(10, 0)).write(data);
    src = Files.readAllLines(data.resolve("train.src"));
    tgt = Files.readAllLines(data.resolve("train.tgt"));
    StringBuilder tsv = new StringBuilder();
    StringBuilder tmx = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
        + "segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"de\" datatype=\"plaintext\"/>\n<body>\n");
    for (int i = 0; i < src.size(); i++) {
      tsv.append("id").append(i).append('\t').append(src.get(i)).append('\t').append(tgt.get(i)).append('\n');
      tmx.append("<tu><tuv xml:lang=\"en\"><seg>").append(tgt.get(i)).append("</seg></tuv>")
          .append("<tuv xml:lang=\"de\"><seg>").append(src.get(i)).append("</seg></tuv></tu>\n");
    }
    tmx.append("</body></tmx>\n");
    Files.writeString(data.resolve("train.tsv"), tsv);
    Files.writeString(data.resolve("train.tmx"), tmx);
  }

  private static List<String> train(Path out, String... corpus) {
    List<String> a = new ArrayList<>(List.of("train"));
    a.addAll(List.of(corpus));
    a.addAll(List.of("--valid-src", data.resolve("valid.src").toString(),
        "--valid-tgt", data.resolve("valid.tgt").toString(), "--out-dir", out.toString(),
        "--emb", "8", "--hidden", "12", "--enc-layers", "1", "--dec-layers", "1",
        "--batch-size", "16", "--valid-every", "100", "--seed", "3", "--max-steps", "8"));
    return a;
  }

  private static List<String> losses(Path out) throws Exception {
    return Files.readAllLines(out.resolve(TrainingCsvLog.FILE)).stream()
        .filter(l -> l.startsWith("train,")).map(l -> l.split(",")[3]).toList();
  }

  @Test
  void trainsFromTsvAndTmxExactlyAsFromAlignedFiles(@TempDir Path runs) throws Exception {
    Path aligned = runs.resolve("aligned");
    Path tsv = runs.resolve("tsv");
    Path tmx = runs.resolve("tmx");
    CliRun a = CliRun.of(train(aligned, "--train-src", data.resolve("train.src").toString(),
        "--train-tgt", data.resolve("train.tgt").toString()).toArray(String[]::new));
    assertEquals(0, a.exitCode(), a.err());
    CliRun t = CliRun.of(train(tsv, "--tsv", data.resolve("train.tsv").toString(),
        "--tsv-columns", "2,3").toArray(String[]::new));
    assertEquals(0, t.exitCode(), t.err());
    CliRun x = CliRun.of(train(tmx, "--tmx", data.resolve("train.tmx").toString(),
        "--src-lang", "de", "--tgt-lang", "en").toArray(String[]::new));
    assertEquals(0, x.exitCode(), x.err());
    assertTrue(t.err().contains("read and tokenized 160 training pairs, kept 160"), t.err());
    assertEquals(8, losses(aligned).size());
    assertEquals(losses(aligned), losses(tsv));
    assertEquals(losses(aligned), losses(tmx));
    assertEquals(Files.readString(aligned.resolve("vocab.src.tsv")), Files.readString(tmx.resolve("vocab.src.tsv")));
    List<String> input = Files.readAllLines(data.resolve("valid.src"));
    List<String> expected = Translator.load(aligned.resolve("model.nmt4j")).translate(input)
        .stream().map(r -> r.text()).toList();
    assertEquals(expected, Translator.load(tsv.resolve("model.nmt4j")).translate(input)
        .stream().map(r -> r.text()).toList());
    assertEquals(expected, Translator.load(tmx.resolve("model.nmt4j")).translate(input)
        .stream().map(r -> r.text()).toList());
    // the training corpus is recorded in the saved config, so a resume needs no training flags
    assertEquals(1, ConfigYaml.read(tsv.resolve("config.yaml")).data().train().size());
    CliRun more = CliRun.of("train", "--out-dir", tsv.toString(), "--max-steps", "10",
        "--valid-src", data.resolve("valid.src").toString(),
        "--valid-tgt", data.resolve("valid.tgt").toString());
    assertEquals(0, more.exitCode(), more.err());
    assertTrue(more.err().contains("reusing the encoded training data"), more.err());
    assertTrue(more.out().contains("stopped after 10 steps"), more.out());
  }

  @Test
  void twoWeightedCorporaAndVocabFromTmx(@TempDir Path runs) throws Exception {
    Path out = runs.resolve("mixed");
    CliRun r = CliRun.of(train(out, "--train", data.resolve("train.src") + "," + data.resolve("train.tgt") + ",weight=3",
        "--train", data.resolve("train.tsv") + ",columns=2:3,weight=1").toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("corpus 1 (") && r.err().contains("weight 3"), r.err());
    assertTrue(Files.exists(out.resolve("train.2.ids")));
    CliRun v = CliRun.of("vocab", "--tmx", data.resolve("train.tmx").toString(), "--src-lang", "de",
        "--tgt-lang", "en", "--out-dir", runs.resolve("vocab").toString());
    assertEquals(0, v.exitCode(), v.err());
    assertTrue(v.out().contains("pairs read 160, kept 160"), v.out());
    assertTrue(Files.exists(runs.resolve("vocab").resolve("vocab.src.tsv")));
    assertTrue(!Files.exists(runs.resolve("vocab").resolve("train.1.ids")));
    CliRun bad = CliRun.of(train(runs.resolve("bad"), "--train", "x.txt").toArray(String[]::new));
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("--train x.txt: cannot tell the format of x.txt"), bad.err());
    CliRun none = CliRun.of(train(runs.resolve("none")).toArray(String[]::new));
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.err().contains("give the training data"), none.err());
  }
}
