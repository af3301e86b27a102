/**
 * {@code nmt4j train}: flags and YAML config to an {@link org.nmt4j.translator.config.ExperimentConfig},
 * data preparation, the {@link org.nmt4j.translator.train.Trainer}, and what the user watches: a
 * progress bar on stderr, a CSV log and a PNG plot of the curves in the output directory.
 */
package org.nmt4j.cli.train;
