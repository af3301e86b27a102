package org.nmt4j.nn.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a backward product reads gate k's block of W^T, for rows {@code [first, first + count)}
 * of a layer's weights W [in, G*H]: rows [k*H, (k+1)*H) of a transposed copy [G*H, count], or
 * column block k of W itself read as a transposed operand (see {@link
 * SequenceWorkspace#transposedBlocks}).
 *
 * @param array the copy, or W
 * @param base element offset of gate 0's block
 * @param stride elements from one gate's block to the next
 * @param ld leading dimension of {@code array}
 * @param transposed whether the product must read the blocks transposed (W itself)
 */
record TransposedWeightBlocks(INDArray array, long base, long stride, int ld, boolean transposed) {
  /** Element offset of gate k's block. */
  long offset(int k) {
    return base + k * stride;
  }
}
