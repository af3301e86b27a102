/**
 * Speed benchmarks behind {@code nmt4j bench}: training steps ({@link
 * org.nmt4j.translator.bench.TrainBenchmark}), the product library's speed at the model's shapes
 * and at its peak ({@link org.nmt4j.translator.bench.GemmBenchmark}, {@link
 * org.nmt4j.translator.bench.ProductShapes}), and the operation counts that turn step times into
 * GFLOP/s ({@link org.nmt4j.translator.bench.FlopCount}).
 */
package org.nmt4j.translator.bench;
