package org.nmt4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.run.TrainingCsvLog;

/**
 * {@code nmt4j train --spark local[2]} with its corpora named by {@code file://} URIs, read on the
 * driver through Hadoop's {@code LocalFileSystem} (one side gzipped): it trains a model that
 * translates, records the URIs for resuming, resumes, and refuses a changed corpus; it trains
 * exactly as from the same files named by local paths; a missing file and a scheme without a
 * Hadoop file system are one-line errors naming the flag.
 */
class SparkCorpusUriTest {
  @TempDir static Path data;

  @BeforeAll
  static void corpus() throws Exception {
    // strings of 2 to 4 of 10 symbols, reversed: learnt in a couple of hundred steps
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 4000, 11).withStrings(10, 2, 4)
        .withHeldOut(100, 100)).write(data);
    try (OutputStream out = new GZIPOutputStream(
        Files.newOutputStream(data.resolve("train.tgt.gz")))) {
      Files.copy(data.resolve("train.tgt"), out);
    }
  }

  private static String uri(String name) {
    return data.resolve(name).toUri().toString();
  }

  private static String[] args(Path out, String trainSource, String... more) {
    List<String> a = new ArrayList<>(List.of(local(out, trainSource)));
    a.addAll(List.of("--spark", "local[2]", "--workers", "2"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /** The arguments without Spark. */
  private static String[] local(Path out, String trainSource, String... more) {
    List<String> a = new ArrayList<>(List.of("train",
        "--train-src", trainSource, "--train-tgt", uri("train.tgt.gz"),
        "--valid-src", uri("valid.src"), "--valid-tgt", uri("valid.tgt"),
        "--out-dir", out.toString(), "--bpe-merges", "0",
        "--emb", "16", "--hidden", "96", "--enc-layers", "1", "--dec-layers", "1",
        "--dropout", "0", "--lr", "0.01", "--batch-size", "128", "--valid-every", "100",
        "--checkpoint-every", "100", "--seed", "3"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void trainsFromFileUrisWithAGzippedSideTranslatesAndResumes(@TempDir Path out)
      throws Exception {
    CliRun r = CliRun.of(args(out, uri("train.src"), "--max-steps", "300"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("training on Spark (local[2]) with 2 workers"), r.err());
    assertTrue(r.out().contains("stopped after 300 steps (max steps)"), r.out());

    List<String> sources = Files.readAllLines(data.resolve("test.src"));
    List<String> targets = Files.readAllLines(data.resolve("test.tgt"));
    List<Translation> got = Translator.load(out.resolve("model.nmt4j")).translate(sources);
    int right = 0;
    for (int i = 0; i < got.size(); i++) {
      right += got.get(i).text().equals(targets.get(i)) ? 1 : 0;
    }
    System.out.printf("train --spark local[2] from file:// URIs: held-out exact match %d/%d%n",
        right, got.size());
    assertTrue(right >= 90, "held-out exact match " + right + "/" + got.size());

    // the URIs are what the run records: in its config and, qualified, with their sizes
    assertEquals(uri("train.src"),
        ConfigYaml.read(out.resolve("config.yaml")).data().train().get(0).src());
    String record = Files.readString(out.resolve("data-files.tsv"));
    Path gz = data.toAbsolutePath().resolve("train.tgt.gz");
    assertTrue(record.contains("--train-tgt\tfile:" + gz + " (" + Files.size(gz) + " bytes)"),
        record);

    CliRun again = CliRun.of(args(out, uri("train.src"), "--max-steps", "304"));
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.err().contains("resuming"), again.err());
    assertTrue(again.err().contains("reusing the encoded training data"), again.err());
    assertTrue(again.out().contains("stopped after 304 steps (max steps)"), again.out());

    Path changed = data.resolve("changed.src");
    Files.writeString(changed, Files.readString(data.resolve("train.src")) + "t1 t2\n");
    CliRun other = CliRun.of(args(out, changed.toUri().toString(), "--max-steps", "308"));
    assertEquals(1, other.exitCode(), other.err());
    assertTrue(other.err().contains("was trained on other data: --train-src is file:"
        + data.toAbsolutePath().resolve("changed.src")), other.err());
  }

  @Test
  void fileUrisTrainExactlyAsTheLocalPaths(@TempDir Path runs) throws Exception {
    String[] viaHadoop = args(runs.resolve("uri"), uri("train.src"), "--max-steps", "6");
    String[] local = Arrays.stream(args(runs.resolve("local"), uri("train.src"), "--max-steps",
        "6")).map(a -> a.startsWith("file:") ? Path.of(URI.create(a)).toString() : a)
        .toArray(String[]::new);
    assertTrue(Arrays.asList(local).contains(data.resolve("train.tgt.gz").toString()));
    CliRun u = CliRun.of(viaHadoop);
    assertEquals(0, u.exitCode(), u.err());
    CliRun l = CliRun.of(local);
    assertEquals(0, l.exitCode(), l.err());
    assertEquals(losses(runs.resolve("local")), losses(runs.resolve("uri")));
    assertEquals(6, losses(runs.resolve("uri")).size());
  }

  private static List<String> losses(Path out) throws Exception {
    return Files.readAllLines(out.resolve(TrainingCsvLog.FILE)).stream()
        .filter(l -> l.startsWith("train,")).map(l -> l.split(",")[3]).toList();
  }

  @Test
  void aMissingFileUriIsBadInputWithOrWithoutSpark(@TempDir Path out) {
    String gone = uri("gone.src");
    for (CliRun r : List.of(CliRun.of(args(out, gone, "--max-steps", "1")),
        CliRun.of(local(out, gone, "--max-steps", "1")))) {
      assertEquals(1, r.exitCode(), r.err());
      assertEquals(List.of("nmt4j train: error: --train-src " + gone + ": no such file"),
          r.errLines());
    }
    assertTrue(!Files.exists(out.resolve("checkpoint.zip")));
  }

  @Test
  void aSchemeWithoutAHadoopFileSystemIsAUsageErrorSayingWhatToAdd(@TempDir Path out) {
    CliRun s3 = CliRun.of(args(out, "s3a://corpora/wmt/train.de.gz", "--max-steps", "1"));
    assertEquals(2, s3.exitCode(), s3.err());
    assertEquals(1, s3.errLines().size(), s3.err());
    assertTrue(s3.err().contains("--train-src s3a://corpora/wmt/train.de.gz: no Hadoop "
        + "FileSystem for the scheme 's3a' on the class path; add Hadoop's S3A connector of "
        + "Spark's Hadoop version, e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:3."),
        s3.err());
    CliRun odd = CliRun.of(args(out, "nosuch://host/train.de", "--max-steps", "1"));
    assertEquals(2, odd.exitCode(), odd.err());
    assertTrue(odd.err().contains("--train-src nosuch://host/train.de: no Hadoop FileSystem "
        + "for the scheme 'nosuch'"), odd.err());

    CliRun vocab = CliRun.of("vocab", "--tsv", "hdfs://nn:8020/x.tsv", "--out-dir",
        out.toString());
    assertEquals(2, vocab.exitCode(), vocab.err());
    assertTrue(vocab.err().contains("vocab reads local files only, got hdfs://nn:8020/x.tsv"),
        vocab.err());
  }
}
