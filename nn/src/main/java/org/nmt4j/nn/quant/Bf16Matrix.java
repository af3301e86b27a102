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
 * A float weight array multiplied in bf16: the right operand B [k, n] of products {@code C =
 * alpha A B + beta C}, read from the array at an element offset with a leading dimension, plain
 * or transposed (a recurrent layer's {@code Wx} [input, G*H] read as whole rows or a range of
 * them, the output projection W [V, Hd] read transposed, and, in training, the transposed reads
 * of backpropagation).
 *
 * <p>Each product converts the rows of A to bf16 (rounded to nearest even) and multiplies them
 * with the weights, also in bf16, summing in float. Each way of reading the array (a block) is
 * converted and reordered once into the layout oneDNN's matmul kernel reads best (AMX tiles or
 * AVX-512 BF16 blocks), and again only when the weights' generation has moved on (a write
 * announced through {@link org.nmt4j.nn.Parameters#valuesChanged()} or {@link
 * Bf16Weights#weightsChanged}), for a matrix registered as trained. Row counts above
 * {@value #CHUNK} run in chunks of {@value #CHUNK} rows, and smaller ones on the primitive of the
 * power of two above them, so at most seven matmul primitives exist per block whatever the batch
 * shapes (creating one compiles a kernel: milliseconds).
 *
 * <p>Thread-safe: any number of threads may multiply at once, each on its own oneDNN stream; the
 * weights must not change while products run.
 */
public final class Bf16Matrix {
  /** Largest row count of one primitive; more rows run in chunks of this many. */
  static final int CHUNK = 64;

  private final long length;
  private final boolean trained;
  private final ConcurrentHashMap<Read, Block> blocks = new ConcurrentHashMap<>();

  /**
   * @param length the array's element count (reads beyond it are refused)
   * @param trained whether the weights change between products (training): blocks are then
   *     converted again whenever the weights' generation moved on since (see the class comment)
   */
  Bf16Matrix(long length, boolean trained) {
    this.length = length;
    this.trained = trained;
  }

  /** Whether the weights are trained (converted again after each change). */
  public boolean trained() {
    return trained;
  }

  /**
   * {@code C = alpha A op(B) + beta C} for A [m, k] float (row i at {@code a + aOffset + i *
   * lda}), op(B) [k, n] read from {@code weights} at {@code bOffset} with leading dimension
   * {@code ldb}, C [m, n] float (row i at {@code c + cOffset + i * ldc}).
   *
   * @param generation the weights' generation (see the class comment)
   * @return false when oneDNN has no bf16 kernel for this shape or the read leaves the array
   *     (the caller then multiplies in float)
   */
  boolean multiply(int m, int n, int k, float alpha, INDArray a, long aOffset, int lda,
      boolean transB, long bOffset, int ldb, float beta, INDArray c, long cOffset, int ldc,
      INDArray weights, long generation) {
    long last = bOffset + (transB ? (long) (n - 1) * ldb + k - 1 : (long) (k - 1) * ldb + n - 1);
    if (bOffset < 0 || last >= length) {
      return false;
    }
    Read read = new Read(transB, bOffset, k, n, ldb);
    Block block = blocks.get(read);
    if (block == null) {
      block = blocks.computeIfAbsent(read, Block::new);
    }
    if (!block.current(weights, trained ? generation : 0)) {
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

  /** One way of reading the weights: op(B) [k, n] at an offset, plain or transposed. */
  private record Read(boolean transB, long offset, int k, int n, int ld) {}

  /** The power of two at or above {@code rows} (rows at most {@value #CHUNK}). */
  static int bucket(int rows) {
    return rows <= 1 ? 1 : Integer.highestOneBit(rows - 1) << 1;
  }

  /**
   * A pointer at element {@code offset} of {@code x} for oneDNN's {@code void*} handles, whose
   * JavaCPP position counts bytes (a FloatPointer's position would be taken as bytes too).
   */
  static Pointer at(INDArray x, long offset) {
    Pointer base = x.data().addressPointer();
    return new BytePointer(base).position(NativeMemory.address(x, offset) - base.address());
  }

  /**
   * The weights of one block of rows, converted and reordered, and its primitives. A product of
   * m rows runs on the matmul primitive of {@link #bucket}(m) rows, so that at most seven exist
   * per block. A's rows are converted to bf16 times {@code alpha} (a scale given at run time, so
   * that one conversion serves the new alpha of every training batch: oneDNN's AMX kernel takes
   * no run-time output scale). When m is a power of two the product writes into C itself
   * ({@code beta} as oneDNN's sum post-op); otherwise the rows beyond m of the bf16 input are
   * left as they are, the product goes to a scratch array and its first m rows are added into C
   * by a reorder ({@code C = P + beta C}).
   */
  private final class Block {
    private final Read read;
    private final int k;
    private final int outputs;
    private final memory packed;
    private final memory.desc packedDesc;
    private final ConcurrentHashMap<Object, Object> primitives = new ConcurrentHashMap<>();
    private volatile long generation = -1;

    Block(Read read) {
      this.read = read;
      this.k = read.k();
      this.outputs = read.n();
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
      } catch (RuntimeException e) { // dnnl::error: no bf16 kernel for this shape here
        packedDesc = null;
        packed = null;
      }
      this.packedDesc = packedDesc;
      this.packed = packed;
    }

    /**
     * Converts the weights into the packed layout unless already done for this generation.
     *
     * @return false when oneDNN has no kernel for this block
     */
    boolean current(INDArray weights, long wanted) {
      if (packed == null) {
        return false;
      }
      if (generation == wanted) {
        return true;
      }
      synchronized (this) {
        if (generation != wanted) {
          long[] strides = read.transB() ? new long[] {1, read.ld()} : new long[] {read.ld(), 1};
          memory user = new memory(new memory.desc(new long[] {k, outputs},
              memory.data_type.f32, strides), DnnlBf16.engine(), at(weights, read.offset()));
          Object pack = primitive(new Pack(strides[0], strides[1]));
          if (pack == FAILED) {
            user.close();
            return false;
          }
          stream s = DnnlBf16.stream();
          try {
            ((reorder) pack).execute(s, user, packed);
            s._wait();
          } finally {
            user.close();
          }
          generation = wanted;
        }
      }
      return true;
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
      boolean scaled = alpha != 1f;
      Object product = primitive(direct ? new Direct(rows, ldc, beta) : new Padded(r));
      Object toBf16 = primitive(new Input(rows, lda, scaled));
      Object out = direct ? null : primitive(new Output(rows, ldc, beta));
      if (product == FAILED || toBf16 == FAILED || out == FAILED) {
        return false;
      }
      memory src = new memory(strided(rows, k, lda), DnnlBf16.engine(), a);
      Bf16Scratch buffers = Bf16Scratch.get();
      memory srcB = new memory(dense(r, k, memory.data_type.bf16), DnnlBf16.engine(),
          buffers.buffer(0, (long) r * k * 2));
      memory srcBRows = new memory(dense(rows, k, memory.data_type.bf16), DnnlBf16.engine(),
          srcB.get_data_handle());
      memory dst = new memory(strided(rows, outputs, ldc), DnnlBf16.engine(), c);
      memory scratch = direct ? dst : new memory(dense(r, outputs, memory.data_type.f32),
          DnnlBf16.engine(), buffers.buffer(1, (long) r * outputs * 4));
      memory scratchRows = direct ? null : new memory(dense(rows, outputs,
          memory.data_type.f32), DnnlBf16.engine(), scratch.get_data_handle());
      IntMemoryMap inArgs = new IntMemoryMap();
      IntMemoryMap args = new IntMemoryMap();
      RuntimeScale scale = scaled ? new RuntimeScale(alpha) : null;
      try {
        inArgs.put(dnnl.DNNL_ARG_FROM, src);
        inArgs.put(dnnl.DNNL_ARG_TO, srcBRows);
        if (scaled) {
          inArgs.put(dnnl.DNNL_ARG_ATTR_OUTPUT_SCALES, scale.memory());
        }
        ((reorder) toBf16).execute(s, inArgs);
        args.put(dnnl.DNNL_ARG_SRC, srcB);
        args.put(dnnl.DNNL_ARG_WEIGHTS, packed);
        args.put(dnnl.DNNL_ARG_DST, scratch);
        ((matmul) product).execute(s, args);
        if (!direct) {
          ((reorder) out).execute(s, scratchRows, dst);
        }
        s._wait();
      } finally {
        if (scale != null) {
          scale.close();
        }
        inArgs.close();
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
        } else if (key instanceof Pack pk) {
          return new reorder(new reorder.primitive_desc(DnnlBf16.engine(),
              new memory.desc(new long[] {k, outputs}, memory.data_type.f32,
                  new long[] {pk.rowStride(), pk.columnStride()}), DnnlBf16.engine(),
              packedDesc));
        } else if (key instanceof Input in) {
          primitive_attr attr = new primitive_attr();
          if (in.scaled()) {
            RuntimeScale.declare(attr);
          }
          return new reorder(new reorder.primitive_desc(DnnlBf16.engine(),
              strided(in.rows(), k, in.lda()), DnnlBf16.engine(),
              dense(in.rows(), k, memory.data_type.bf16), attr, false));
        } else {
          Output o = (Output) key;
          primitive_attr attr = new primitive_attr();
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
  private record Direct(int rows, int ldc, float beta) {}

  /** A product of a bucket's row count into a scratch array. */
  private record Padded(int rows) {}

  /** The conversion of the weights into the packed layout. */
  private record Pack(long rowStride, long columnStride) {}

  /** The conversion of A's rows to dense bf16, times alpha when scaled. */
  private record Input(int rows, int lda, boolean scaled) {}

  /** The scratch array's first rows added into C. */
  private record Output(int rows, int ldc, float beta) {}

  /** Memory descriptors by shape, built once (building one per product showed in profiles). */
  private static final ConcurrentHashMap<Shape, memory.desc> DESCS = new ConcurrentHashMap<>();

  private record Shape(int rows, int cols, int ld, boolean bf16) {}

  static memory.desc dense(int rows, int cols, memory.data_type type) {
    boolean bf16 = type == memory.data_type.bf16;
    return DESCS.computeIfAbsent(new Shape(rows, cols, cols, bf16), x -> new memory.desc(
        new long[] {rows, cols}, bf16 ? memory.data_type.bf16 : memory.data_type.f32,
        memory.format_tag.ab));
  }

  private static memory.desc strided(int rows, int cols, int ld) {
    return DESCS.computeIfAbsent(new Shape(rows, cols, ld, false), x -> new memory.desc(
        new long[] {rows, cols}, memory.data_type.f32, new long[] {ld, 1}));
  }
}
