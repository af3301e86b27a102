package org.nmt4j.nn.ops.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.dnnl_binary_add;
import static org.bytedeco.dnnl.global.dnnl.dnnl_binary_mul;
import static org.bytedeco.dnnl.global.dnnl.dnnl_binary_sub;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_linear;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_logistic;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_tanh;

import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.post_ops;

/**
 * A float elementwise operation of two (or three) same-length dense vectors on oneDNN's binary
 * primitive, optionally followed by post-ops fused into the same pass: an activation, or the
 * addition of a third vector. A fused operation reads each input once and writes once, where
 * separate calls would write and re-read intermediates.
 *
 * <p>Why oneDNN rather than a loop written here: its binary kernels, post-ops included, are
 * generated at run time as vector code for the CPU found (AVX-512, AVX2, SSE4.1) and kept up by
 * the library's maintainers; libnd4j's pairwise loops are scalar per element.
 *
 * <p>Any output may be one of the inputs (in place): each element is read before the same
 * element is written.
 */
public final class Binary {
  /** {@code dst = a + b}. */
  public static final Binary ADD = new Binary("add", dnnl_binary_add);
  /** {@code dst = a * b}. */
  public static final Binary MUL = new Binary("mul", dnnl_binary_mul);
  /** {@code dst = a - b}. */
  public static final Binary SUB = new Binary("sub", dnnl_binary_sub);
  /** {@code dst = sigmoid(a + b)}. */
  public static final Binary ADD_SIGMOID = new Binary("add+sigmoid", dnnl_binary_add,
      PostOp.activation(dnnl_eltwise_logistic, 0f, 0f));
  /** {@code dst = 1 - a * b} (with a == b: the tanh derivative from the tanh's output). */
  public static final Binary ONE_MINUS_PRODUCT = new Binary("1-mul", dnnl_binary_mul,
      PostOp.activation(dnnl_eltwise_linear, -1f, 1f));
  /** {@code dst = a * b + c}. */
  public static final Binary MUL_ADD = new Binary("mul+add", dnnl_binary_mul,
      PostOp.addThird());
  /** {@code dst = tanh(a * b + c)}. */
  public static final Binary MUL_ADD_TANH = new Binary("mul+add+tanh", dnnl_binary_mul,
      PostOp.addThird(), PostOp.activation(dnnl_eltwise_tanh, 0f, 0f));
  /**
   * {@code dst = c - a * b} (with a == b == c: {@code x (1 - x)}, the sigmoid derivative from
   * the sigmoid's output).
   */
  public static final Binary SUB_PRODUCT = new Binary("c-mul", dnnl_binary_mul,
      PostOp.activation(dnnl_eltwise_linear, -1f, 0f), PostOp.addThird());

  private final PrimitiveCache cache;
  private final boolean threeInputs;

  private Binary(String name, int algorithm, PostOp... postOps) {
    int thirdAt = -1;
    for (int i = 0; i < postOps.length; i++) {
      if (postOps[i].addsThird()) {
        thirdAt = i;
      }
    }
    this.threeInputs = thirdAt >= 0;
    int[] args = threeInputs
        ? new int[] {DNNL_ARG_SRC_0, DNNL_ARG_SRC_1,
            DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE * (thirdAt + 1) | DNNL_ARG_SRC_1, DNNL_ARG_DST}
        : new int[] {DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, DNNL_ARG_DST};
    this.cache = new PrimitiveCache(name, vector -> {
      post_ops chain = null;
      if (postOps.length > 0) {
        chain = new post_ops();
        for (PostOp op : postOps) {
          if (op.addsThird()) {
            chain.append_binary(dnnl_binary_add, vector);
          } else {
            chain.append_eltwise(1f, op.algorithm(), op.alpha(), op.beta());
          }
        }
      }
      binary.desc d = new binary.desc(algorithm, vector, vector, vector);
      binary.primitive_desc pd = new binary.primitive_desc(d, DnnlRuntime.attributes(chain),
          DnnlRuntime.engine());
      return new binary(DnnlRuntime.withoutScratchpad(pd, name));
    }, args);
  }

  /**
   * {@code dst[i] = op(a[i], b[i])} for {@code i < count}, on byte addresses of count floats.
   *
   * @throws IllegalStateException for an operation that takes a third input
   */
  public void apply(long a, long b, long dst, long count) {
    if (threeInputs) {
      throw new IllegalStateException(cache + " takes three inputs");
    }
    cache.call(count).run(a, b, dst);
  }

  /**
   * {@code dst[i] = op(a[i], b[i], c[i])} for {@code i < count}, on byte addresses of count
   * floats.
   *
   * @throws IllegalStateException for an operation that takes two inputs
   */
  public void apply(long a, long b, long c, long dst, long count) {
    if (!threeInputs) {
      throw new IllegalStateException(cache + " takes two inputs");
    }
    cache.call(count).run(a, b, c, dst);
  }

  @Override
  public String toString() {
    return cache.toString();
  }

  /** One post-op: an activation {@code f(x; alpha, beta)}, or adding the third input. */
  private record PostOp(int algorithm, float alpha, float beta, boolean addsThird) {
    static PostOp activation(int algorithm, float alpha, float beta) {
      return new PostOp(algorithm, alpha, beta, false);
    }

    static PostOp addThird() {
      return new PostOp(0, 0f, 0f, true);
    }
  }
}
