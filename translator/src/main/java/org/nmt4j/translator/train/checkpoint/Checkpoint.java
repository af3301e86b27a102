package org.nmt4j.translator.train.checkpoint;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a checkpoint holds.
 *
 * @param state the training scalars
 * @param configYaml the effective config of the run that wrote it
 * @param weights all parameter values [1, count] in {@code Parameters} order
 * @param optimizerState Adam's moment estimates [1, 2 x count]
 */
public record Checkpoint(
    TrainingState state,
    String configYaml,
    INDArray weights,
    INDArray optimizerState) {}
