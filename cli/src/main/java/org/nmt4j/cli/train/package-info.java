/**
 * {@code nmt4j train}: flags and YAML config to an {@link org.nmt4j.translator.config.ExperimentConfig},
 * then a {@link org.nmt4j.translator.run.TrainingRun} with what the user watches added as
 * listeners: a progress bar on stderr and a PNG plot of the curves in the output directory.
 */
package org.nmt4j.cli.train;
