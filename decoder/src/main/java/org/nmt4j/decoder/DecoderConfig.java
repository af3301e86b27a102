package org.nmt4j.decoder;

import org.nmt4j.nn.recurrent.CellType;

/**
 * Shape of the seeded recurrent decoder.
 *
 * @param embeddingSize width of the target embedding table rows
 * @param hiddenSize hidden size of every decoder layer
 * @param layers number of stacked recurrent layers; each is seeded by the bridge from the matching
 *     top encoder layer, so it may not exceed the encoder's layer count
 * @param dropout probability of zeroing inputs of layers above the first and the input of the
 *     output projection (0 disables)
 * @param tieEmbeddings share the target embedding table with the output projection (needs
 *     embeddingSize == hiddenSize)
 * @param sourceContext feed the source summary to every step, as Cho et al. (2014) do: the
 *     top layer's initial hidden state from the bridge (a tanh of the encoder's final states) is
 *     an extra input of the first layer at every step and adds a per-sentence bias {@code c C^T}
 *     to the output logits; off, the source reaches the decoder only through its initial states
 * @param embeddingDropout probability of zeroing each value of the target embeddings before the
 *     first layer during training (inverted dropout; 0 disables)
 * @param cell the recurrent cell of every layer: lstm, gru or rnn (see {@link CellType})
 */
public record DecoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout,
    boolean tieEmbeddings, boolean sourceContext, double embeddingDropout, String cell) {
  /** An LSTM decoder without embedding dropout. */
  public DecoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout,
      boolean tieEmbeddings, boolean sourceContext) {
    this(embeddingSize, hiddenSize, layers, dropout, tieEmbeddings, sourceContext, 0,
        CellType.LSTM.id());
  }

  /** A decoder of the given cell without embedding dropout. */
  public DecoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout,
      boolean tieEmbeddings, boolean sourceContext, String cell) {
    this(embeddingSize, hiddenSize, layers, dropout, tieEmbeddings, sourceContext, 0, cell);
  }

  /** A decoder without source context at every step (the source enters through the bridge only). */
  public DecoderConfig(int embeddingSize, int hiddenSize, int layers, double dropout,
      boolean tieEmbeddings) {
    this(embeddingSize, hiddenSize, layers, dropout, tieEmbeddings, false);
  }

  /** Validates every field, naming the option at fault. */
  public DecoderConfig {
    if (embeddingSize < 1) {
      throw new IllegalArgumentException("decoder.embedding must be >= 1, got " + embeddingSize);
    }
    if (hiddenSize < 1) {
      throw new IllegalArgumentException("decoder.hidden must be >= 1, got " + hiddenSize);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("decoder.layers must be >= 1, got " + layers);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("decoder.dropout must be in [0, 1), got " + dropout);
    }
    if (!(embeddingDropout >= 0 && embeddingDropout < 1)) {
      throw new IllegalArgumentException(
          "decoder.embedding-dropout must be in [0, 1), got " + embeddingDropout);
    }
    if (tieEmbeddings && embeddingSize != hiddenSize) {
      throw new IllegalArgumentException(
          "decoder.tie-embeddings needs decoder.embedding == decoder.hidden, got "
              + embeddingSize + " and " + hiddenSize);
    }
    CellType.of("decoder.cell", cell);
  }

  /** The cell, parsed. */
  public CellType cellType() {
    return CellType.of("decoder.cell", cell);
  }

  /** This config with another cell. */
  public DecoderConfig withCell(String name) {
    return new DecoderConfig(embeddingSize, hiddenSize, layers, dropout, tieEmbeddings,
        sourceContext, embeddingDropout, name);
  }
}
