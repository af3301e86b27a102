package org.nmt4j.nn.ops.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_logistic_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_tanh_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;

/**
 * The gradient through a float activation from the activation's output, {@code dx[i] = dy[i] *
 * f'(y[i])}, on oneDNN's eltwise backward primitive (the {@code *_use_dst_for_bwd} algorithms):
 * what a recurrent cell's backward step does per gate, in one pass instead of a derivative and a
 * product. For dense vectors; see {@link Eltwise} for why oneDNN.
 */
public final class EltwiseBackward {
  /** {@code dx = dy * y * (1 - y)} for {@code y = sigmoid(x)}. */
  public static final EltwiseBackward SIGMOID =
      new EltwiseBackward("sigmoid backward", dnnl_eltwise_logistic_use_dst_for_bwd);
  /** {@code dx = dy * (1 - y^2)} for {@code y = tanh(x)}. */
  public static final EltwiseBackward TANH =
      new EltwiseBackward("tanh backward", dnnl_eltwise_tanh_use_dst_for_bwd);

  private final PrimitiveCache cache;

  private EltwiseBackward(String name, int algorithm) {
    this.cache = new PrimitiveCache(name, vector -> {
      eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(
          new eltwise_forward.desc(dnnl_forward_training, algorithm, vector, 0f, 0f),
          DnnlRuntime.engine());
      eltwise_backward.desc d = new eltwise_backward.desc(algorithm, vector, vector, 0f, 0f);
      eltwise_backward.primitive_desc pd = new eltwise_backward.primitive_desc(d,
          DnnlRuntime.attributes(null), DnnlRuntime.engine(), hint);
      return new eltwise_backward(DnnlRuntime.withoutScratchpad(pd, name));
    }, DNNL_ARG_DST, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC);
  }

  /**
   * {@code dx[i] = dy[i] * f'(y[i])} for {@code i < count}; dx may be dy (in place).
   *
   * @param y byte address of the activation's outputs (count floats)
   * @param dy byte address of the gradient with respect to y
   * @param dx byte address of the gradient with respect to the activation's input (written)
   */
  public void apply(long y, long dy, long dx, long count) {
    cache.call(count).run(y, dy, dx);
  }

  @Override
  public String toString() {
    return cache.toString();
  }
}
