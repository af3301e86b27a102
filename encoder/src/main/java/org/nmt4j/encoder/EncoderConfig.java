package org.nmt4j.encoder;

/**
 * Shape of the bidirectional LSTM encoder.
 *
 * @param embeddingSize width of the source embedding table rows
 * @param hiddenSize LSTM hidden size per direction (a layer's output is 2 x hiddenSize)
 * @param layers number of stacked bidirectional layers
 * @param dropout probability of zeroing an input of layers above the first (0 disables)
 */
public record EncoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout) {
  /** Validates every field, naming the option at fault. */
  public EncoderConfig {
    if (embeddingSize < 1) {
      throw new IllegalArgumentException("encoder.embedding must be >= 1, got " + embeddingSize);
    }
    if (hiddenSize < 1) {
      throw new IllegalArgumentException("encoder.hidden must be >= 1, got " + hiddenSize);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("encoder.layers must be >= 1, got " + layers);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("encoder.dropout must be in [0, 1), got " + dropout);
    }
  }
}
