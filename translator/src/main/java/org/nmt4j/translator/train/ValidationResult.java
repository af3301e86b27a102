package org.nmt4j.translator.train;

/**
 * One validation.
 *
 * @param step steps taken when it ran
 * @param epoch 1-based epoch in progress (or just finished)
 * @param loss mean cross-entropy per target token on the validation set
 * @param perplexity exp(loss)
 * @param tokens target tokens in the validation set
 * @param metric name of the metric that decides (e.g. "ppl")
 * @param value that metric's value
 * @param isBest whether it is a new best (the best model file was then written)
 * @param bestValue the best value so far (this one included)
 * @param bestStep the step of the best value
 * @param learningRate the learning rate after this validation
 * @param learningRateDecayed whether this validation decayed the learning rate
 * @param validationsWithoutImprovement count towards early stopping
 * @param stopping whether early stopping ends training after this validation
 */
public record ValidationResult(
    long step,
    int epoch,
    double loss,
    double perplexity,
    long tokens,
    String metric,
    double value,
    boolean isBest,
    double bestValue,
    long bestStep,
    double learningRate,
    boolean learningRateDecayed,
    int validationsWithoutImprovement,
    boolean stopping) {}
