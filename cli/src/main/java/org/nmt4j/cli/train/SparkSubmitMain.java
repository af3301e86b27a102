package org.nmt4j.cli.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.cli.Main;

/**
 * The main class for {@code spark-submit}: {@code nmt4j train} with its arguments, on the master
 * that {@code spark-submit} was given (its {@code spark.master}) unless they name one with
 * {@code --spark}.
 *
 * <pre>
 * spark-submit --master yarn --class org.nmt4j.cli.train.SparkSubmitMain ... \
 *     cli/target/nmt4j.jar --train-src hdfs:///corpora/train.de.gz \
 *     --train-tgt hdfs:///corpora/train.en.gz --out-dir ... --workers 16
 * </pre>
 *
 * <p>Corpus files named by URIs ({@code hdfs://}, {@code s3a://}, ...) are read by the driver
 * through Hadoop with the context's configuration ({@link
 * org.nmt4j.spark.input.CorpusInputs}).
 */
public final class SparkSubmitMain {
  private SparkSubmitMain() {}

  /** Runs {@code nmt4j train ARGS --spark <spark.master>} and exits with its code. */
  public static void main(String[] args) {
    List<String> all = new ArrayList<>();
    all.add("train");
    all.addAll(Arrays.asList(args));
    String master = System.getProperty("spark.master");
    if (!all.contains("--spark") && all.stream().noneMatch(a -> a.startsWith("--spark="))) {
      if (master == null) {
        System.err.println("nmt4j train: error: no spark.master: run this class with "
            + "spark-submit --master MASTER, or give --spark MASTER");
        System.exit(Main.EXIT_USAGE);
      }
      all.add("--spark");
      all.add(master);
    }
    System.exit(Main.run(all.toArray(String[]::new)));
  }
}
