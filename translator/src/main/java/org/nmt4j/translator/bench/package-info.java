/** Speed benchmarks behind {@code nmt4j bench}: {@link org.nmt4j.translator.bench.TrainBenchmark}. */
package org.nmt4j.translator.bench;
