/**
 * Training: the {@link org.nmt4j.translator.train.Trainer} loop with Adam ({@link
 * org.nmt4j.translator.train.AdamOptimizer}, ND4J's updater), clipping by global norm, decay on
 * plateau, early stopping, validation, best-model keeping and resumable checkpoints, reporting to
 * {@link org.nmt4j.translator.train.TrainingListener}s.
 */
package org.nmt4j.translator.train;
