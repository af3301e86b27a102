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
 * kernel reads best (AMX tiles or AVX-512 BF16 blocks). Row counts above {@value #CHUNK} run in
 * chunks of {@value #CHUNK} rows, and smaller ones on the primitive of the power of two above
 * them, so at most seven matmul primitives exist per weight block whatever the batch shapes
 * (creating one compiles a kernel: milliseconds).
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
      if (!block.run(s, rows, at(a, aOffset + (long) done * lda), lda,
          at(c, cOffset + (long) done * ldc), ldc, alpha, beta)) {
        if (done > 0) {
          throw new IllegalStateException("oneDNN refused a bf16 product of " + rows
              + " rows after running one of " + CHUNK);
        }
        return false;
      }
    }
    return true;
  }

  /** The power of two at or above {@code rows} (rows at most {@value #CHUNK}). */
  static int bucket(int rows) {
    return rows <= 1 ? 1 : Integer.highestOneBit(rows - 1) << 1;
  }

  /**
   * A pointer at element {@code offset} of {@code x} for oneDNN's {@code void*} handles, whose
   * JavaCPP position counts bytes (a FloatPointer's position would be taken as bytes too).
   */
  private static Pointer at(INDArray x, long offset) {
    Pointer base = x.data().addressPointer();
    return new BytePointer(base).position(NativeMemory.address(x, offset) - base.address());
  }

  /**
   * The weights of one block of rows, converted and reordered, and its primitives. A product of
   * m rows runs on the matmul primitive of {@link #bucket}(m) rows, so that at most seven exist
   * per block: when m is a power of two the product writes into C itself ({@code alpha} as
   * oneDNN's output scale, {@code beta} as its sum post-op); otherwise the rows beyond m of the
   * bf16 input are left as they are, the product goes to a scratch array and its first m rows are
   * added into C by a reorder ({@code C = alpha P + beta C}).
   */
  private final class Block {
    private final int k;
    private final memory packed;
    private final memory.desc packedDesc;
    private final ConcurrentHashMap<Object, Object> primitives = new ConcurrentHashMap<>();

    Block(INDArray weights, int row0, int k) {
      this.k = k;
      memory.desc any = new memory.desc(new long[] {k, outputs}, memory.data_type.bf16,
          memory.format_tag.any);
      memory.desc packedDesc = null;
      memory packed = null;
      try {
        matmul.primitive_desc pd = new matmul.primitive_desc(new matmul.desc(
            dense(CHUNK, k, memory.data_type.bf16), any,
            dense(CHUNK, outputs, memory.data_type.f32)), DnnlBf16.engine());
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

    /**
     * C [rows, N] (row stride ldc) = alpha A B + beta C for A [rows, K] (row stride lda).
     *
     * @return false when oneDNN has no kernel for this shape
     */
    boolean run(stream s, int rows, Pointer a, int lda, Pointer c, int ldc, float alpha,
        float beta) {
      int r = bucket(rows);
      boolean direct = r == rows;
      Object product = primitive(direct ? new Direct(rows, ldc, alpha, beta) : new Padded(r));
      Object toBf16 = primitive(new Input(rows, lda));
      Object out = direct ? null : primitive(new Output(rows, ldc, alpha, beta));
      if (product == FAILED || toBf16 == FAILED || out == FAILED) {
        return false;
      }
      memory src = new memory(strided(rows, k, lda), DnnlBf16.engine(), a);
      memory srcB = new memory(dense(r, k, memory.data_type.bf16), DnnlBf16.engine());
      memory srcBRows = new memory(dense(rows, k, memory.data_type.bf16), DnnlBf16.engine(),
          srcB.get_data_handle());
      memory dst = new memory(strided(rows, outputs, ldc), DnnlBf16.engine(), c);
      memory scratch = direct ? dst : new memory(dense(r, outputs, memory.data_type.f32),
          DnnlBf16.engine());
      memory scratchRows = direct ? null : new memory(dense(rows, outputs,
          memory.data_type.f32), DnnlBf16.engine(), scratch.get_data_handle());
      IntMemoryMap args = new IntMemoryMap();
      try {
        ((reorder) toBf16).execute(s, src, srcBRows);
        args.put(dnnl.DNNL_ARG_SRC, srcB);
        args.put(dnnl.DNNL_ARG_WEIGHTS, packed);
        args.put(dnnl.DNNL_ARG_DST, scratch);
        ((matmul) product).execute(s, args);
        if (!direct) {
          ((reorder) out).execute(s, scratchRows, dst);
        }
        s._wait();
      } finally {
        args.close();
        if (!direct) {
          scratchRows.close();
          scratch.close();
        }
        dst.close();
        srcBRows.close();
        srcB.close();
        src.close();
      }
      return true;
    }

    private Object primitive(Object key) {
      Object p = primitives.get(key);
      return p != null ? p : primitives.computeIfAbsent(key, this::create);
    }

    private Object create(Object key) {
      try {
        if (key instanceof Direct d) {
          primitive_attr attr = new primitive_attr();
          if (d.alpha() != 1f) {
            attr.set_output_scales(0, new float[] {d.alpha()});
          }
          if (d.beta() != 0f) {
            post_ops ops = new post_ops();
            ops.append_sum(d.beta(), memory.data_type.undef);
            attr.set_post_ops(ops);
          }
          return new matmul(new matmul.primitive_desc(new matmul.desc(
              dense(d.rows(), k, memory.data_type.bf16), packedDesc,
              strided(d.rows(), outputs, d.ldc())), attr, DnnlBf16.engine()));
        } else if (key instanceof Padded p) {
          return new matmul(new matmul.primitive_desc(new matmul.desc(
              dense(p.rows(), k, memory.data_type.bf16), packedDesc,
              dense(p.rows(), outputs, memory.data_type.f32)), DnnlBf16.engine()));
        } else if (key instanceof Input in) {
          return new reorder(new reorder.primitive_desc(DnnlBf16.engine(),
              strided(in.rows(), k, in.lda()), DnnlBf16.engine(),
              dense(in.rows(), k, memory.data_type.bf16)));
        } else {
          Output o = (Output) key;
          primitive_attr attr = new primitive_attr();
          if (o.alpha() != 1f) {
            attr.set_output_scales(0, new float[] {o.alpha()});
          }
          if (o.beta() != 0f) {
            post_ops ops = new post_ops();
            ops.append_sum(o.beta(), memory.data_type.undef);
            attr.set_post_ops(ops);
          }
          return new reorder(new reorder.primitive_desc(DnnlBf16.engine(),
              dense(o.rows(), outputs, memory.data_type.f32), DnnlBf16.engine(),
              strided(o.rows(), outputs, o.ldc()), attr, false));
        }
      } catch (RuntimeException e) { // dnnl::error: unimplemented for this shape or layout
        return FAILED;
      }
    }
  }

  private static final Object FAILED = new Object();

  /** A product of a power-of-two row count straight into C. */
  private record Direct(int rows, int ldc, float alpha, float beta) {}

  /** A product of a bucket's row count into a scratch array. */
  private record Padded(int rows) {}

  /** The conversion of A's rows to dense bf16. */
  private record Input(int rows, int lda) {}

  /** The scratch array's first rows added into C. */
  private record Output(int rows, int ldc, float alpha, float beta) {}

  private static memory.desc dense(int rows, int cols, memory.data_type type) {
    return new memory.desc(new long[] {rows, cols}, type, memory.format_tag.ab);
  }

  private static memory.desc strided(int rows, int cols, int ld) {
    return new memory.desc(new long[] {rows, cols}, memory.data_type.f32, new long[] {ld, 1});
  }
}
