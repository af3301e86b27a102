package org.nmt4j.translator.train;

/**
 * What one optimiser step did.
 *
 * @param step 1-based number of the step just taken
 * @param epoch 1-based epoch the step belongs to
 * @param loss mean cross-entropy per target token of the batch (natural log)
 * @param perplexity exp(loss)
 * @param targetTokens target tokens predicted in the batch
 * @param tokensPerSecond target tokens per second over the recent steps (forward, backward and
 *     update; validation and checkpoint time excluded)
 * @param learningRate the learning rate the step used
 * @param gradientNorm global L2 norm of the gradients before clipping
 * @param clipped whether the gradients were clipped
 * @param clippedSteps steps clipped so far in the whole run
 */
public record StepStats(
    long step,
    int epoch,
    double loss,
    double perplexity,
    long targetTokens,
    double tokensPerSecond,
    double learningRate,
    double gradientNorm,
    boolean clipped,
    long clippedSteps) {}
