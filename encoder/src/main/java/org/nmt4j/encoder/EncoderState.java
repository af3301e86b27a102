package org.nmt4j.encoder;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.MatrixRef;

/**
 * What the encoder hands on: per layer the final h (and c, for an LSTM) of both directions, and
 * the top layer's outputs, all in the caller's row order (row b is sentence b of the batch).
 * The arrays are views of the encoder workspace that produced them and stay valid until that
 * workspace runs again.
 */
public final class EncoderState {
  private final int[] order;
  private final int[] lengths;
  private final int time;
  private final int hidden;
  private final INDArray[][] finalH;
  private final INDArray[][] finalC;
  private final MatrixRef[] top;

  /**
   * @param order the encoder's internal row order of {@code top} (row r is sentence order[r])
   * @param top per direction [time * batch, H] in that order
   */
  EncoderState(int[] order, int[] lengths, int time, int hidden, INDArray[][] finalH,
      INDArray[][] finalC, MatrixRef[] top) {
    this.order = order;
    this.lengths = lengths;
    this.time = time;
    this.hidden = hidden;
    this.finalH = finalH;
    this.finalC = finalC;
    this.top = top;
  }

  /** Number of sentences. */
  public int batch() {
    return order.length;
  }

  /** Padded time (the longest source). */
  public int time() {
    return time;
  }

  /** Number of layers. */
  public int layers() {
    return finalH.length;
  }

  /** Hidden size per direction. */
  public int hiddenSize() {
    return hidden;
  }

  /** Source length of each sentence (a copy). */
  public int[] lengths() {
    return lengths.clone();
  }

  /**
   * Final hidden state of one direction of one layer: [batch, H]. The forward direction's is
   * the state after each sentence's true last token; the backward direction's is the state
   * after reading the whole sentence from its last token back to the first.
   */
  public INDArray finalH(int layer, boolean backwardDirection) {
    return finalH[layer][backwardDirection ? 1 : 0];
  }

  /** Every layer's final hidden states, [layers][2] (index 1: backward direction), each [batch, H]. */
  public INDArray[][] finalHidden() {
    return copy(finalH);
  }

  /** Every layer's final cell states, [layers][2], each [batch, H]; null when the cell has none. */
  public INDArray[][] finalCell() {
    return finalC == null ? null : copy(finalC);
  }

  private static INDArray[][] copy(INDArray[][] a) {
    INDArray[][] out = new INDArray[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  /** Final cell state of one direction of one layer: [batch, H] (null when the cell has none). */
  public INDArray finalC(int layer, boolean backwardDirection) {
    return finalC == null ? null : finalC[layer][backwardDirection ? 1 : 0];
  }

  /**
   * The top layer's outputs in input sentence order as a new array [time, batch, 2H] (forward
   * direction in the first H columns), zero at padded positions.
   */
  public INDArray topOutputs() {
    int batch = order.length;
    INDArray out = Nd4j.create(top[0].array().dataType(), time, batch, 2L * hidden);
    for (int d = 0; d < 2; d++) {
      INDArray src = top[d].view();
      for (int t = 0; t < time; t++) {
        for (int r = 0; r < batch; r++) {
          out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                  org.nd4j.linalg.indexing.NDArrayIndex.point(order[r]),
                  org.nd4j.linalg.indexing.NDArrayIndex.interval((long) d * hidden, (long) (d + 1) * hidden))
              .assign(src.getRow((long) t * batch + r));
        }
      }
    }
    return out;
  }
}
