package org.nmt4j.nn.ops.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_exp;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_logistic;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_tanh;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;

import org.bytedeco.dnnl.eltwise_forward;

/**
 * A float activation {@code dst[i] = f(src[i])} on oneDNN's eltwise primitive, for dense vectors
 * (a [rows, hidden] gate block is one vector of rows * hidden elements).
 *
 * <p>Why oneDNN rather than a loop written here: its eltwise kernels are generated at run time
 * for the CPU found (AVX-512, AVX2 or SSE4.1 vector code with vectorised exp and tanh
 * approximations within a few float ulps), and are kept up by the library's maintainers for new
 * instruction sets; libnd4j's transforms call the scalar {@code expf} per element, and Java's
 * {@code Math.exp} is scalar too.
 */
public final class Eltwise {
  /** {@code 1 / (1 + exp(-x))}. */
  public static final Eltwise SIGMOID = new Eltwise("sigmoid", dnnl_eltwise_logistic);
  /** {@code tanh(x)}. */
  public static final Eltwise TANH = new Eltwise("tanh", dnnl_eltwise_tanh);
  /** {@code exp(x)} (probabilities from {@link LogSoftmax}'s log-probabilities). */
  public static final Eltwise EXP = new Eltwise("exp", dnnl_eltwise_exp);

  private final PrimitiveCache cache;

  private Eltwise(String name, int algorithm) {
    this.cache = new PrimitiveCache(name, vector -> {
      eltwise_forward.desc d =
          new eltwise_forward.desc(dnnl_forward_inference, algorithm, vector, 0f, 0f);
      eltwise_forward.primitive_desc pd = new eltwise_forward.primitive_desc(d,
          DnnlRuntime.attributes(null), DnnlRuntime.engine());
      return new eltwise_forward(DnnlRuntime.withoutScratchpad(pd, name));
    }, DNNL_ARG_SRC, DNNL_ARG_DST);
  }

  /**
   * {@code dst[i] = f(src[i])} for {@code i < count}; {@code src == dst} is allowed.
   *
   * @param src byte address of count floats
   * @param dst byte address of count floats
   */
  public void apply(long src, long dst, long count) {
    cache.call(count).run(src, dst);
  }

  @Override
  public String toString() {
    return cache.toString();
  }
}
