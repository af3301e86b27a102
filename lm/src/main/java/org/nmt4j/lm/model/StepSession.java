package org.nmt4j.lm.model;

import static org.nmt4j.lm.model.RnnLanguageModel.one;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.recurrent.StepBuffers;

/**
 * Runs a language model one token at a time over {@code rows} parallel streams, carrying the
 * state: what sampling needs. Each {@link #step} feeds one id per row and leaves the logits of
 * the next token. One session per thread.
 */
public final class StepSession {
  private final RnnLanguageModel model;
  private final RecurrentState state;
  private final StepBuffers[] buffers;
  private final INDArray x;
  private final INDArray logits;
  private final INDArray ones;
  private final int rows;

  StepSession(RnnLanguageModel model, int rows) {
    this.model = model;
    this.rows = rows;
    DataType type = model.parameters().dataType();
    this.state = model.zeroState(rows);
    this.buffers = new StepBuffers[model.layers.length];
    for (int l = 0; l < buffers.length; l++) {
      buffers[l] = model.layers[l].newStepBuffers(rows);
    }
    this.x = Nd4j.create(type, rows, model.config().embedding());
    this.logits = Nd4j.create(type, rows, model.vocabularySize());
    this.ones = Nd4j.ones(type, rows);
  }

  /**
   * Feeds one token per row.
   *
   * @param ids [rows] the current token of each stream
   * @return the logits of the next token [rows, V] (a live buffer, overwritten by the next step)
   */
  public INDArray step(int[] ids) {
    model.embedding.forward(ids, rows, MatrixRef.of(x));
    INDArray in = x;
    for (int l = 0; l < buffers.length; l++) {
      model.layers[l].step(buffers[l], one(MatrixRef.of(in)), state.h(l), state.c(l));
      in = state.h(l);
    }
    model.output.forward(MatrixRef.of(in), ones, MatrixRef.of(logits));
    return logits;
  }

  /** The carried state (live). */
  public RecurrentState state() {
    return state;
  }
}
