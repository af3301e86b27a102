package org.nmt4j.nn.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.WeightCheck;
import org.nmt4j.nn.ops.Gemm;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * The input projection of a recurrent layer fed by an embedding, precomputed for every token id:
 * row v of the table is {@code E[v] Wx + b} ([V, G*H], the gates as column blocks). For
 * inference only: a decoding step (or an encoder pass) then gathers rows instead of running the
 * input product and the bias product.
 *
 * <p>Why: the first decoder layer's input product is about 7% of a decoding step's arithmetic at
 * the standard size (64 x 256 x 2048 per step, against 8000 x 256 x 2048 once for the table),
 * and a gather of one row per sentence also replaces two small matrix calls per step.
 *
 * <p>The table is built from a snapshot of the parameters and remembers it: {@link #isCurrent}
 * compares the live parameters with the snapshot through a {@link WeightCheck} (bit for bit after
 * any write announced through {@link org.nmt4j.nn.Parameters#valuesChanged()}, a sample
 * otherwise), so a table is never used after training changed the weights. Immutable once built; any number of threads
 * may read it.
 */
public final class InputProjection {
  private final INDArray embedding;
  private final INDArray wx;
  private final INDArray b;
  private final INDArray embeddingSnapshot;
  private final INDArray wxSnapshot;
  private final INDArray bSnapshot;
  private final INDArray table;
  private final WeightCheck check;
  private final int rows;
  private final int width;

  private InputProjection(INDArray embedding, RecurrentLayer layer) {
    if (embedding.rank() != 2 || embedding.size(1) > layer.inputSize()) {
      throw new IllegalArgumentException("embedding table of width " + embedding.size(1)
          + " does not feed layer " + layer.name() + " of input size " + layer.inputSize());
    }
    this.embedding = embedding;
    this.wx = layer.inputWeights();
    this.b = layer.bias();
    this.embeddingSnapshot = embedding.dup('c');
    this.wxSnapshot = wx.dup('c');
    this.bSnapshot = b.dup('c');
    this.rows = (int) embedding.size(0);
    this.width = layer.gateWidth();
    int g = width;
    // Same order of additions as RecurrentLayer.step: the bias first, then the input product.
    table = Nd4j.create(wx.dataType(), rows, g);
    INDArray ones = Nd4j.ones(wx.dataType(), rows);
    Gemm.gemm(false, false, rows, g, 1, 1, ones, 0, 1, bSnapshot, 0, g, 0, table, 0, g);
    int width = (int) embedding.size(1);
    Gemm.gemm(false, false, rows, g, width, 1, embeddingSnapshot, 0, width, wxSnapshot, 0, g, 1,
        table, 0, g);
    check = new WeightCheck(new INDArray[] {b, wx, embedding},
        new INDArray[] {bSnapshot, wxSnapshot, embeddingSnapshot});
  }

  /**
   * Builds the table for {@code layer} fed by {@code embedding}.
   *
   * @param embedding [V, E] the embedding table feeding the first E input columns of the layer;
   *     when E is less than the layer's input size, the rest of the input (e.g. a per-sentence
   *     source context) is the caller's to add (see {@link RecurrentLayer#step(StepBuffers,
   *     InputProjection, int[], INDArray, INDArray, INDArray)})
   */
  public static InputProjection build(INDArray embedding, RecurrentLayer layer) {
    return new InputProjection(embedding, layer);
  }

  /**
   * Whether this table still matches the live parameters it was built from (bitwise after any
   * announced write; see {@link WeightCheck}) and was built for this embedding and layer.
   */
  public boolean isCurrent(INDArray embedding, RecurrentLayer layer) {
    return embedding == this.embedding && layer.inputWeights() == wx && layer.bias() == b
        && check.isCurrent();
  }

  /** Number of ids V. */
  public int vocabularySize() {
    return rows;
  }

  /** G*H: the width of a row (the layer's preactivations). */
  public int gateWidth() {
    return width;
  }

  /**
   * Writes the projections of {@code ids[0..count)} to consecutive rows of G*H elements: row i
   * (the gates side by side) goes to {@code dstOffset + i * G*H} of dst.
   */
  public void gather(int[] ids, int count, INDArray dst, long dstOffset) {
    for (int i = 0; i < count; i++) {
      if (ids[i] < 0 || ids[i] >= rows) {
        throw new IllegalArgumentException("id " + ids[i] + " outside [0, " + rows + ")");
      }
    }
    NativeMemory.gatherRows(table, 0, width, ids, count, dst, dstOffset, width, width);
  }
}
