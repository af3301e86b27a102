/**
 * Benchmarks ({@code nmt4j bench train}, {@code nmt4j bench translate}): synthetic data at the
 * standard configuration, figures printed as {@code name value} lines so scripts can read them.
 */
package org.nmt4j.cli.bench;
