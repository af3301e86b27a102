package org.nmt4j.encoder;

import org.nmt4j.nn.recurrent.CellType;

/**
 * Shape of the bidirectional recurrent encoder.
 *
 * @param embeddingSize width of the source embedding table rows
 * @param hiddenSize hidden size per direction (a layer's output is 2 x hiddenSize)
 * @param layers number of stacked bidirectional layers
 * @param dropout probability of zeroing an input of layers above the first (0 disables)
 * @param embeddingDropout probability of zeroing each value of the source embeddings before the
 *     first layer during training (inverted dropout; 0 disables)
 * @param cell the recurrent cell of every layer: lstm, gru or rnn (see {@link CellType})
 */
public record EncoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout,
    double embeddingDropout, String cell) {
  /** An LSTM encoder without embedding dropout. */
  public EncoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout) {
    this(embeddingSize, hiddenSize, layers, dropout, 0, CellType.LSTM.id());
  }

  /** An encoder of the given cell without embedding dropout. */
  public EncoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout,
      String cell) {
    this(embeddingSize, hiddenSize, layers, dropout, 0, cell);
  }

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
    if (!(embeddingDropout >= 0 && embeddingDropout < 1)) {
      throw new IllegalArgumentException(
          "encoder.embedding-dropout must be in [0, 1), got " + embeddingDropout);
    }
    CellType.of("encoder.cell", cell);
  }

  /** The cell, parsed. */
  public CellType cellType() {
    return CellType.of("encoder.cell", cell);
  }

  /** This config with another cell. */
  public EncoderConfig withCell(String name) {
    return new EncoderConfig(embeddingSize, hiddenSize, layers, dropout, embeddingDropout, name);
  }
}
