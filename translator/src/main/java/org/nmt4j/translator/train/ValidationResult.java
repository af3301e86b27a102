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
    boolean stopping) {

  /**
   * What follows the loss in a log line: the deciding metric (unless it is perplexity), whether
   * it is a new best or the best so far, a learning-rate decay, early stopping; for example
   * {@code ", bleu 20.795, best 20.917 at step 1000, learning rate decayed to 0.0005"}.
   *
   * @return the text, starting with ", "
   */
  public String outcome() {
    StringBuilder sb = new StringBuilder();
    if (!metric.equals("ppl")) {
      sb.append(String.format(java.util.Locale.ROOT, ", %s %.3f", metric, value));
    }
    sb.append(isBest ? ", new best"
        : String.format(java.util.Locale.ROOT, ", best %.3f at step %d", bestValue, bestStep));
    if (learningRateDecayed) {
      sb.append(String.format(java.util.Locale.ROOT, ", learning rate decayed to %.3g",
          learningRate));
    }
    if (stopping) {
      sb.append(", early stopping after ").append(validationsWithoutImprovement)
          .append(" validations without improvement");
    }
    return sb.toString();
  }
}
