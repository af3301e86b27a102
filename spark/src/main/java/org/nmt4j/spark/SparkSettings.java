package org.nmt4j.spark;

import java.util.regex.Pattern;

/**
 * Where to train: the Spark master and the number of workers.
 *
 * @param master a Spark master URL: {@code local}, {@code local[N]}, {@code local[*]}, {@code
 *     local[N,F]} (F attempts per task), {@code spark://HOST:PORT}, {@code yarn}, {@code
 *     k8s://https://HOST:PORT}, or null to take {@code spark.master} from {@code spark-submit}
 * @param workers how many shares each batch and the corpus are split into (one task each per
 *     step), at least 1; 0 takes Spark's default parallelism (the cores of the executors)
 */
public record SparkSettings(String master, int workers) {
  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?|spark://.+|yarn|k8s://.+|mesos://.+");

  /** Checks the master URL and the worker count; messages name the flags. */
  public SparkSettings {
    if (master != null && !MASTER.matcher(master).matches()) {
      throw new IllegalArgumentException("--spark: '" + master + "' is not a Spark master URL "
          + "(local[N], spark://HOST:PORT, yarn, k8s://https://HOST:PORT)");
    }
    if (workers < 0) {
      throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
    }
  }
}
