/**
 * Synchronous data-parallel training on Apache Spark, with the result of one machine.
 *
 * <p>The driver prepares the data as a single-machine run does (read, filter, tokenize, encode
 * once), deals the encoded pairs into one {@link org.nmt4j.spark.CorpusShard} per worker and
 * caches them as an RDD of one shard per partition. Every step, {@link
 * org.nmt4j.spark.SparkGradients} broadcasts the weights; each worker takes the next
 * length-bucketed batch of its shard ({@link org.nmt4j.spark.ShardBatches}, the same {@code
 * Batcher} as one machine with an equal share of the batch size), computes its gradient with the
 * same engine ({@link org.nmt4j.spark.ShardStep}) and returns it scaled to its token count
 * ({@link org.nmt4j.spark.GradientSum}); {@code treeAggregate} sums them, and the driver's
 * {@code Trainer} divides by the global token count, clips, applies Adam, validates and
 * checkpoints exactly as on one machine. {@link org.nmt4j.spark.SparkTraining} is the entry point.
 */
package org.nmt4j.spark;
