package org.nmt4j.nn.ops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseTransformSameOp;

/**
 * A same-shape pairwise arithmetic op ({@code z = x OP y}) run through libnd4j's legacy
 * pairwise loops instead of ND4J's custom-op path.
 *
 * <p>Why: {@code INDArray.mul(other, result)} builds a custom op (an op context, a shape
 * calculation and a dispatch) which costs 20-40 us on a [64, 512] block, several times the
 * arithmetic; the legacy pairwise loop costs about 3 us. ND4J's Java API only exposes a few
 * legacy pairwise ops ({@code CopyOp}, {@code Axpy}), so this class names the others by their
 * libnd4j op number. The numbers belong to ND4J 1.0.0-M2.1's {@code PAIRWISE_TRANSFORM_OPS}
 * table (where {@code CopyOp} is 1 and {@code Axpy} is 10); {@code ArrayOpsTest} checks each
 * against plain arithmetic, so a renumbering in another ND4J version fails the build.
 */
final class PairwiseOp extends BaseTransformSameOp {
  /** libnd4j pairwise op numbers (ND4J 1.0.0-M2.1). */
  static final int ADD = 0;
  static final int MULTIPLY = 3;
  static final int SUBTRACT = 6;

  private final int opNum;

  PairwiseOp(int opNum, INDArray x, INDArray y, INDArray z) {
    super(x, y, z);
    this.opNum = opNum;
  }

  @Override
  public int opNum() {
    return opNum;
  }

  @Override
  public String opName() {
    return "nmt4j_pairwise_" + opNum;
  }

  @Override
  public List<SDVariable> doDiff(List<SDVariable> gradients) {
    throw new UnsupportedOperationException("not differentiable in SameDiff");
  }
}
