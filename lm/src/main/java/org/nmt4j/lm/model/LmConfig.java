package org.nmt4j.lm.model;

import org.nmt4j.nn.recurrent.CellType;

/**
 * The architecture of an RNN language model: token embedding, a stack of unidirectional
 * recurrent layers of one cell, softmax over the vocabulary.
 *
 * @param cell the recurrent cell of every layer
 * @param layers number of stacked layers, at least 1
 * @param hidden hidden width H of every layer
 * @param embedding embedding width E
 * @param dropout dropout on the non-recurrent connections (between layers and before the output
 *     layer, as Zaremba et al. 2014), in [0, 1)
 */
public record LmConfig(CellType cell, int layers, int hidden, int embedding, double dropout) {
  /** Validates each field, naming the option at fault. */
  public LmConfig {
    if (cell == null) {
      throw new IllegalArgumentException("--cell is required (one of " + CellType.NAMES + ")");
    }
    if (layers < 1 || layers > 16) {
      throw new IllegalArgumentException("--layers must be in [1, 16], got " + layers);
    }
    if (hidden < 1 || hidden > 8192) {
      throw new IllegalArgumentException("--hidden must be in [1, 8192], got " + hidden);
    }
    if (embedding < 1 || embedding > 8192) {
      throw new IllegalArgumentException("--embedding must be in [1, 8192], got " + embedding);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
    }
  }
}
