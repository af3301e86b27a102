package org.nmt4j.spark.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.corpora.CorpusSpec;
import org.nmt4j.corpora.ParallelCorpusReader;
import org.nmt4j.corpora.SentencePair;
import org.nmt4j.corpora.toy.ToyCorpusConfig;
import org.nmt4j.corpora.toy.ToyCorpusGenerator;
import org.nmt4j.corpora.toy.ToyTask;
import org.nmt4j.spark.SparkTraining;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.data.TrainCorpus;
import org.nmt4j.translator.run.RunDirectory;
import org.nmt4j.translator.run.RunInput;
import org.nmt4j.translator.run.TrainingRun;

/**
 * A corpus on HDFS (Hadoop's in-JVM {@link MiniDFSCluster}, one data node): read through the
 * Spark context's Hadoop configuration it gives the pairs of the local files, and training on
 * {@code local[2]} from {@code hdfs://} URIs (one side gzipped) ends with the weights of the same
 * run from the local files.
 */
class HdfsCorpusTest {
  @TempDir static Path tmp;
  private static MiniDFSCluster cluster;
  private static String hdfs;
  private static JavaSparkContext spark;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    FileSystem fs = cluster.getFileSystem();
    hdfs = fs.getUri().toString();
    Path corpus = tmp.resolve("corpus");
    new ToyCorpusGenerator(ToyCorpusConfig.of(ToyTask.REVERSE, 150, 2).withHeldOut(0, 0))
        .write(corpus);
    try (OutputStream out = new GZIPOutputStream(
        Files.newOutputStream(corpus.resolve("train.tgt.gz")))) {
      Files.copy(corpus.resolve("train.tgt"), out);
    }
    for (String name : List.of("train.src", "train.tgt.gz")) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(corpus.resolve(name).toString()),
          new org.apache.hadoop.fs.Path("/corpus/" + name));
    }
    spark = new JavaSparkContext(new SparkConf().setMaster("local[2]")
        .setAppName("nmt4j hdfs test").set("spark.ui.enabled", "false"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.close();
    }
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  private static CorpusSpec onHdfs(CorpusInputs inputs) throws Exception {
    return CorpusSpec.aligned(inputs.check("--train-src", hdfs + "/corpus/train.src"),
        inputs.check("--train-tgt", hdfs + "/corpus/train.tgt.gz"));
  }

  private static CorpusSpec local() {
    return CorpusSpec.aligned(tmp.resolve("corpus/train.src"),
        tmp.resolve("corpus/train.tgt.gz"));
  }

  @Test
  void readsTheLocalFilesPairsAndReportsAMissingFile() throws Exception {
    CorpusInputs inputs = SparkTraining.in(spark, 2).inputs();
    CorpusSpec remote = onHdfs(inputs);
    assertEquals(Files.size(tmp.resolve("corpus/train.tgt.gz")), Files.size(remote.targetFile()));
    assertEquals(hdfs + "/corpus/train.src", remote.file().toRealPath().toString());
    assertEquals(pairs(local()), pairs(remote));
    assertEquals(150, pairs(remote).size());
    FileNotFoundException missing = assertThrows(FileNotFoundException.class,
        () -> inputs.check("--valid-src", hdfs + "/corpus/valid.src"));
    assertEquals("--valid-src " + hdfs + "/corpus/valid.src: no such file",
        missing.getMessage());
  }

  @Test
  void trainsFromHdfsAsFromTheLocalFiles() throws Exception {
    ExperimentConfig config = ConfigYaml.override(ExperimentConfig.defaults(), List.of(
        ConfigOverride.of("model.encoder.embedding", 8),
        ConfigOverride.of("model.encoder.hidden", 12),
        ConfigOverride.of("model.encoder.layers", 1),
        ConfigOverride.of("model.encoder.dropout", 0.0),
        ConfigOverride.of("model.decoder.embedding", 8),
        ConfigOverride.of("model.decoder.hidden", 12),
        ConfigOverride.of("model.decoder.layers", 1),
        ConfigOverride.of("model.decoder.dropout", 0.0),
        ConfigOverride.of("training.batch-size", 16),
        ConfigOverride.of("training.learning-rate", 0.01),
        ConfigOverride.of("training.epochs", 0),
        ConfigOverride.of("training.max-steps", 8),
        ConfigOverride.of("training.valid-every", 0),
        ConfigOverride.of("training.checkpoint-every", 0),
        ConfigOverride.of("training.seed", 5)));
    SparkTraining training = SparkTraining.in(spark, 2);
    TrainingRun fromHdfs = prepare(tmp.resolve("run-hdfs"), config, onHdfs(training.inputs()));
    assertEquals(8, training.train(fromHdfs).steps());
    TrainingRun fromLocal = prepare(tmp.resolve("run-local"), config, local());
    assertEquals(8, training.train(fromLocal).steps());
    float[] remote = weights(fromHdfs);
    float[] near = weights(fromLocal);
    assertTrue(remote.length > 1000);
    assertArrayEquals(near, remote);
  }

  private static TrainingRun prepare(Path dir, ExperimentConfig config, CorpusSpec train)
      throws Exception {
    RunDirectory run = RunDirectory.open(dir, false, Map.of(), List.of(), s -> { });
    return TrainingRun.prepare(run,
        new RunInput(config, List.of(new TrainCorpus(train, 1)), null, List.of()));
  }

  /** The pairs as "source TAB target". */
  private static List<String> pairs(CorpusSpec spec) {
    List<String> out = new ArrayList<>();
    try (ParallelCorpusReader r = spec.open()) {
      r.forEachRemaining((SentencePair p) -> out.add(p.source() + "\t" + p.target()));
    }
    return out;
  }

  private static float[] weights(TrainingRun run) {
    return run.model().parameters().flatValues().dup().reshape(-1).toFloatVector();
  }
}
