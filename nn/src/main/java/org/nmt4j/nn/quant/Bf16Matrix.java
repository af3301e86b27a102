package org.nmt4j.nn.quant;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * A float weight matrix multiplied in bf16: the right operand B [K, N] of products {@code y = x
 * B}, read either input-major (a parameter [inputs, N], possibly a range of its rows, as a
 * recurrent layer's {@code Wx} and {@code Wh} are read) or output-major (a parameter [N, K] read
 * transposed, as the output projection is).
 *
 * <p>Each product converts the rows of x to bf16 (rounded to nearest even) and multiplies them
 * with the weights, also in bf16, summing in float: {@code C = alpha x B + beta C}. The weights
 * are converted and reordered once, on their first product, into the layout oneDNN's matmul
 * kernel reads best (AMX tiles or AVX-512 BF16 blocks); products with the same row count reuse
 * one primitive. Row counts above {@value #CHUNK} run in chunks of {@value #CHUNK} rows, so at
 * most {@value #CHUNK} primitives exist per weight block whatever the batch shapes.
 *
 * <p>The weights must not change after their first product (inference only). Thread-safe: any
 * number of threads may multiply at once, each on its own oneDNN stream.
 */
public final class Bf16Matrix {
  /** Largest row count of one primitive; more rows run in chunks of this many. */
  static final int CHUNK = 64;

  private final int inputs;
  private final int outputs;
  private final boolean outputMajor;
  private final ConcurrentHashMap<Long, Block> blocks = new ConcurrentHashMap<>();

  /**
   * @param inputs K of the whole parameter (rows when input-major, columns when output-major)
   * @param outputs N
   * @param outputMajor whether the parameter is [N, K], read transposed
   */
  public Bf16Matrix(int inputs, int outputs, boolean outputMajor) {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("bf16 matrix needs positive sizes, got [" + inputs
          + ", " + outputs + "]");
    }
    this.inputs = inputs;
    this.outputs = outputs;
    this.outputMajor = outputMajor;
  }

  /** K of the whole parameter. */
  public int inputs() {
    return inputs;
  }

  /** N, the outputs of a product. */
  public int outputs() {
    return outputs;
  }

  /** Whether the parameter is output-major ([N, K], read transposed). */
  public boolean outputMajor() {
    return outputMajor;
  }

  /** The parameter's shape: [N, K] when output-major, else [K, N]. */
  public long[] shape() {
    return outputMajor ? new long[] {outputs, inputs} : new long[] {inputs, outputs};
  }

  /**
   * {@code C = alpha A B + beta C} for A [m, k] float (row i at {@code a + aOffset + i * lda})
   * and C [m, n] float (row i at {@code c + cOffset + i * ldc}); B is rows {@code row0 ..
   * row0 + k} of the input-major parameter (row0 = 0 and k = K when output-major), read from
   * {@code weights} on the first product of that block.
   *
   * @return false when oneDNN has no bf16 kernel for this shape (the caller then multiplies in
   *     float)
   */
  boolean multiply(int m, int k, int row0, float alpha, INDArray a, long aOffset, int lda,
      float beta, INDArray c, long cOffset, int ldc, INDArray weights) {
    Block block = blocks.computeIfAbsent(((long) row0 << 32) | k,
        key -> new Block(weights, row0, k));
    if (!block.usable()) {
      return false;
    }
    stream s = DnnlBf16.stream();
    for (int done = 0; done < m; done += CHUNK) {
      int rows = Math.min(CHUNK, m - done);
      Call call = block.call(rows, lda, ldc, alpha, beta);
      if (call == null) {
        if (done > 0) {
          throw new IllegalStateException("oneDNN refused a bf16 product of " + rows
              + " rows after running one of " + CHUNK);
        }
        return false;
      }
      call.run(s, at(a, aOffset + (long) done * lda), at(c, cOffset + (long) done * ldc),
          block.packed);
    }
    return true;
  }

  /**
   * A pointer at element {@code offset} of {@code x} for oneDNN's {@code void*} handles, whose
   * JavaCPP position counts bytes (a FloatPointer's position would be taken as bytes too).
   */
  private static Pointer at(INDArray x, long offset) {
    Pointer base = x.data().addressPointer();
    return new BytePointer(base).position(NativeMemory.address(x, offset) - base.address());
  }

  /** The weights of one block of rows, converted and reordered, and its primitives by shape. */
  private final class Block {
    private final int k;
    private final memory packed;
    private final memory.desc packedDesc;
    private final ConcurrentHashMap<CallKey, Call> calls = new ConcurrentHashMap<>();

    Block(INDArray weights, int row0, int k) {
      this.k = k;
      memory.desc any = new memory.desc(new long[] {k, outputs}, memory.data_type.bf16,
          memory.format_tag.any);
      memory.desc packedDesc = null;
      memory packed = null;
      try {
        matmul.primitive_desc pd = new matmul.primitive_desc(new matmul.desc(
            new memory.desc(new long[] {CHUNK, k}, memory.data_type.bf16, memory.format_tag.ab),
            any, new memory.desc(new long[] {CHUNK, outputs}, memory.data_type.f32,
                memory.format_tag.ab)), DnnlBf16.engine());
        packedDesc = pd.weights_desc();
        packed = new memory(packedDesc, DnnlBf16.engine());
        long[] strides = outputMajor ? new long[] {1, inputs} : new long[] {outputs, 1};
        long offset = outputMajor ? 0 : (long) row0 * outputs;
        memory user = new memory(new memory.desc(new long[] {k, outputs}, memory.data_type.f32,
            strides), DnnlBf16.engine(), at(weights, offset));
        stream s = DnnlBf16.stream();
        new reorder(user, packed).execute(s, user, packed);
        s._wait();
        user.close();
      } catch (RuntimeException e) { // dnnl::error: no bf16 kernel for this shape here
        packedDesc = null;
        packed = null;
      }
      this.packedDesc = packedDesc;
      this.packed = packed;
    }

    boolean usable() {
      return packed != null;
    }

    Call call(int rows, int lda, int ldc, float alpha, float beta) {
      CallKey key = new CallKey(rows, lda, ldc, alpha, beta);
      Call call = calls.get(key);
      if (call == null) {
        call = calls.computeIfAbsent(key, x -> Call.create(rows, k, outputs, lda, ldc, alpha,
            beta, packedDesc));
      }
      return call.matmul == null ? null : call;
    }
  }

  private record CallKey(int rows, int lda, int ldc, float alpha, float beta) {}

  /** The primitives of one product shape: A to bf16, then the matmul into C. */
  private static final class Call {
    private final memory.desc srcF32;
    private final memory.desc srcBf16;
    private final memory.desc dst;
    private final reorder toBf16;
    private final matmul matmul;

    private Call(memory.desc srcF32, memory.desc srcBf16, memory.desc dst, reorder toBf16,
        matmul matmul) {
      this.srcF32 = srcF32;
      this.srcBf16 = srcBf16;
      this.dst = dst;
      this.toBf16 = toBf16;
      this.matmul = matmul;
    }

    static Call create(int rows, int k, int n, int lda, int ldc, float alpha, float beta,
        memory.desc packedDesc) {
      memory.desc srcF32 = new memory.desc(new long[] {rows, k}, memory.data_type.f32,
          new long[] {lda, 1});
      memory.desc srcBf16 = new memory.desc(new long[] {rows, k}, memory.data_type.bf16,
          memory.format_tag.ab);
      memory.desc dst = new memory.desc(new long[] {rows, n}, memory.data_type.f32,
          new long[] {ldc, 1});
      try {
        primitive_attr attr = new primitive_attr();
        if (alpha != 1f) {
          attr.set_output_scales(0, new float[] {alpha});
        }
        if (beta != 0f) {
          post_ops ops = new post_ops();
          ops.append_sum(beta, memory.data_type.undef);
          attr.set_post_ops(ops);
        }
        matmul.primitive_desc pd = new matmul.primitive_desc(
            new matmul.desc(srcBf16, packedDesc, dst), attr, DnnlBf16.engine());
        reorder.primitive_desc rpd = new reorder.primitive_desc(DnnlBf16.engine(), srcF32,
            DnnlBf16.engine(), srcBf16);
        return new Call(srcF32, srcBf16, dst, new reorder(rpd), new matmul(pd));
      } catch (RuntimeException e) { // dnnl::error: unimplemented for this shape or layout
        return new Call(srcF32, srcBf16, dst, null, null);
      }
    }

    void run(stream s, Pointer a, Pointer c, memory weights) {
      memory src = new memory(srcF32, DnnlBf16.engine(), a);
      memory srcB = new memory(srcBf16, DnnlBf16.engine());
      memory out = new memory(dst, DnnlBf16.engine(), c);
      IntMemoryMap args = new IntMemoryMap();
      try {
        toBf16.execute(s, src, srcB);
        args.put(dnnl.DNNL_ARG_SRC, srcB);
        args.put(dnnl.DNNL_ARG_WEIGHTS, weights);
        args.put(dnnl.DNNL_ARG_DST, out);
        matmul.execute(s, args);
        s._wait();
      } finally {
        args.close();
        out.close();
        srcB.close();
        src.close();
      }
    }
  }
}
