package org.nmt4j.translator.train.checkpoint;

/**
 * Every scalar of a training run that a resumed run needs to continue exactly: where it is, the
 * schedules and counters. Random state needs no entry: data order is a function of (seed, epoch)
 * and dropout of (seed, step).
 *
 * @param step optimiser steps taken
 * @param epoch 0-based epoch in progress
 * @param batchesDone batches of that epoch already used
 * @param learningRate current learning rate (after any decay)
 * @param plateauBest best metric seen by the plateau decay
 * @param plateauBad validations without improvement since the last best or decay
 * @param bestMetric best validation metric (the goal's worst value before any)
 * @param bestStep step of the best metric, -1 before any validation
 * @param earlyStoppingBad validations without improvement since the best
 * @param clippedSteps steps whose gradients were clipped
 * @param lastValidationStep step of the last validation, -1 before any
 * @param seed the run's seed
 * @param trainSeconds time spent in training steps so far (for reports)
 */
public record TrainingState(
    long step,
    int epoch,
    long batchesDone,
    double learningRate,
    double plateauBest,
    int plateauBad,
    double bestMetric,
    long bestStep,
    int earlyStoppingBad,
    long clippedSteps,
    long lastValidationStep,
    long seed,
    double trainSeconds) {}
