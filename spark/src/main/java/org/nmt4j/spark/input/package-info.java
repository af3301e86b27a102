/**
 * Training and validation corpora named by Hadoop URIs ({@code hdfs://}, {@code s3a://}, {@code
 * file://}, any scheme with a Hadoop {@code FileSystem} on the class path), read on the driver
 * through Hadoop's {@code FileSystem} API with Spark's Hadoop configuration.
 *
 * <p>The corpus readers, the data preparation and the run directory's data record work on {@link
 * java.nio.file.Path}s; {@link org.nmt4j.spark.input.HadoopFiles} is a read-only NIO file system
 * whose paths ({@link org.nmt4j.spark.input.HadoopPath}) are Hadoop URIs, so a URI goes through
 * the same code as a local file: the existing gzip detection, the line readers, the fingerprint of
 * the encoded-data cache and the {@code data-files.tsv} record (qualified URI and length).
 * {@link org.nmt4j.spark.input.CorpusInputs} turns the names given on the command line into paths
 * and checks the URIs up front, with one-line messages naming the flag.
 */
package org.nmt4j.spark.input;
