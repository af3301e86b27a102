package org.nmt4j.nn.quant;

import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;

import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * One block of a {@link QuantizedMatrix} multiplied by oneDNN's int8 matmul primitive: the rows
 * {@code [row0, row0 + k)} and columns {@code [col0, col0 + n)} of its bytes B [K, N] (whole
 * rows for a recurrent layer's input product, a range of columns for a share of the output
 * layer), packed once into the layout the CPU's kernel reads best (AMX tiles, AVX-512 VNNI or
 * AVX VNNI blocks).
 *
 * <p>A product {@code C = alpha x B' + beta C} (B' the float weights the bytes stand for, x [m,
 * k] float) quantizes each row of x to bytes in Java ({@link QuantizedMatrix#quantizeRow}: one
 * scale per row, unsigned with a zero point), and everything after that runs inside one oneDNN
 * call: the integer sums, the zero point taken off (oneDNN's source zero point), the column
 * scales of the weights (its output scales), the row scales of x times alpha (a binary multiply
 * post-op reading one float per row) and {@code beta C} (a sum post-op). Before, oneDNN's
 * {@code dnnl_gemm_u8s8s32} returned 32-bit sums and a Java loop scaled them back, which cost
 * twice the integer product itself.
 *
 * <p>The product is laid out as a batch of one ([1, m, k] x [1, k, n]): oneDNN 2.5 runs a
 * per-row multiply post-op of a 2-D matmul in its reference loop, but that of a 3-D one (a
 * per-channel operand, [1, m, 1]) in its fast kernel. As in {@link Bf16Matrix}, row counts above
 * {@value #CHUNK} run in chunks and smaller ones on the primitive of the power of two above them
 * (the padded rows' scales are zero), so at most seven primitives exist per block; a product
 * whose output oneDNN cannot write directly in its fast kernel (another row count, a sum
 * post-op on CPUs without VNNI) goes through a scratch array and a reorder that adds it into C.
 *
 * <p>Thread-safe: each thread runs on its own stream, memory objects and buffers.
 */
final class Int8Block {
  /** Largest row count of one primitive; more rows run in chunks of this many. */
  static final int CHUNK = 64;

  /**
   * Most rows of a product that runs on the packing for a few rows ({@link #packing}): 8, or
   * {@code -Dnmt4j.int8.few.rows=N} (0: always the one for many rows).
   */
  static final int FEW_ROWS = Integer.getInteger("nmt4j.int8.few.rows", 8);

  /** The argument index of the first post-op's second operand (the row scales). */
  private static final int ROW_SCALES_ARG = dnnl.DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE
      | dnnl.DNNL_ARG_SRC_1;

  private final int k;
  private final int n;
  private final int zero;
  private final int levels;
  private final float[] columnScales;
  private final BytePointer kn;
  private final long offset;
  private final int ld;
  /** The packing for products of more than {@link #FEW_ROWS} rows (all, where it is the only one). */
  private final Packing many;
  /** The packing for products of at most {@link #FEW_ROWS} rows, made on first use. */
  private volatile Packing few;
  private final ThreadLocal<HashMap<Product, Bound>> bound = ThreadLocal.withInitial(HashMap::new);

  /**
   * Packs the block (a reorder of its bytes).
   *
   * @param kn the matrix's bytes B [K, N], row-major, rows {@code ld} bytes apart
   * @param offset the byte offset of the block's first element ({@code row0 * ld + col0})
   * @param columnScales the block's n column scales (kept, not copied)
   * @param levels the largest magnitude of a quantized input (127, or 63 without VNNI)
   */
  Int8Block(BytePointer kn, long offset, int ld, int k, int n, float[] columnScales,
      int levels) {
    this.k = k;
    this.n = n;
    this.levels = levels;
    this.zero = levels + 1;
    this.columnScales = columnScales;
    this.kn = kn;
    this.offset = offset;
    this.ld = ld;
    this.many = pack(CHUNK, false);
  }

  /**
   * oneDNN's name of the kernel that multiplies this block (for many rows), or null when it has
   * only its reference loop.
   */
  String kernel() {
    return many == null ? null : many.kernel;
  }

  /**
   * The packing for products of {@code rows} rows: for a few rows, oneDNN's AVX-512 VNNI kernel
   * where the CPU also has AMX (whose tiles of 16 rows mostly idle then: at one row it read the
   * output layer's weights 20-30% slower), else the one packing.
   */
  private Packing packing(int rows) {
    if (rows > FEW_ROWS || many == null || !many.kernel.contains("amx")) {
      return many;
    }
    Packing p = few;
    if (p == null) {
      synchronized (this) {
        p = few;
        if (p == null) {
          p = pack(FEW_ROWS, true);
          few = p = p != null ? p : many;
        }
      }
    }
    return p;
  }

  /**
   * Packs the weights for the kernel oneDNN picks for products of {@code rows} rows (the first
   * one that is neither AMX nor its reference loop when {@code avoidAmx}), or null when there is
   * none.
   */
  private Packing pack(int rows, boolean avoidAmx) {
    try {
      matmul.primitive_desc pd = new matmul.primitive_desc(new matmul.desc(source(rows),
          new memory.desc(new long[] {1, k, n}, memory.data_type.s8, memory.format_tag.any),
          dense(rows)), attributes(rows, 0f), DnnlBf16.engine());
      while (pd.impl_info_str().getString().startsWith("ref")
          || (avoidAmx && pd.impl_info_str().getString().contains("amx"))) {
        if (!pd.next_impl()) {
          return null;
        }
      }
      String impl = pd.impl_info_str().getString();
      if (impl.startsWith("ref")) {
        return null;
      }
      memory.desc packedDesc = pd.weights_desc();
      memory packed = new memory(packedDesc, DnnlBf16.engine());
      memory user = new memory(new memory.desc(new long[] {1, k, n}, memory.data_type.s8,
          new long[] {(long) k * ld, ld, 1}), DnnlBf16.engine(),
          new BytePointer(kn).position(offset));
      stream s = DnnlBf16.stream();
      try {
        new reorder(user, packed).execute(s, user, packed);
        s._wait();
      } finally {
        user.close();
      }
      return new Packing(impl, packedDesc, packed);
    } catch (RuntimeException e) { // dnnl::error: no int8 kernel for this shape here
      return null;
    }
  }

  /**
   * The weights packed for one of oneDNN's kernels, and the primitives of that kernel (each
   * made for it: oneDNN's other implementations read other layouts).
   */
  private final class Packing {
    final String kernel;
    final memory.desc packedDesc;
    final memory packed;
    final ConcurrentHashMap<Object, Object> primitives = new ConcurrentHashMap<>();

    Packing(String kernel, memory.desc packedDesc, memory packed) {
      this.kernel = kernel;
      this.packedDesc = packedDesc;
      this.packed = packed;
    }

    Object primitive(Object key) {
      Object p = primitives.get(key);
      return p != null ? p : primitives.computeIfAbsent(key, this::create);
    }

    private Object create(Object key) {
      try {
        if (key instanceof Direct d) {
          return mine(new matmul.primitive_desc(new matmul.desc(source(d.rows()), packedDesc,
              strided(d.rows(), d.ldc())), attributes(d.rows(), d.beta()), DnnlBf16.engine()));
        } else if (key instanceof Padded p) {
          return mine(new matmul.primitive_desc(new matmul.desc(source(p.rows()), packedDesc,
              dense(p.rows())), attributes(p.rows(), 0f), DnnlBf16.engine()));
        } else {
          Output o = (Output) key;
          return DnnlHandles.addRows(o.rows(), n, o.ldc(), o.beta());
        }
      } catch (RuntimeException e) { // dnnl::error: unimplemented for this shape or layout
        return FAILED;
      }
    }

    /** The matmul on this packing's kernel, or FAILED when oneDNN offers it no such kernel here. */
    private Object mine(matmul.primitive_desc pd) {
      while (!pd.impl_info_str().getString().equals(kernel)) {
        if (!pd.next_impl()) {
          return FAILED;
        }
      }
      return DnnlHandles.Prim.of(pd);
    }
  }

  /**
   * {@code C = alpha x B' + beta C}, x [m, k] float at {@code aOffset} (rows {@code lda}
   * apart), C [m, n] float at {@code cOffset} (rows {@code ldc} apart).
   *
   * @return false when oneDNN has no fast kernel for this block (nothing was written)
   */
  boolean multiply(int m, float alpha, INDArray a, long aOffset, int lda, float beta, INDArray c,
      long cOffset, int ldc) {
    if (many == null) {
      return false;
    }
    stream s = DnnlBf16.stream();
    Scratch scratch = Scratch.get(k);
    for (int done = 0; done < m; done += CHUNK) {
      int rows = Math.min(CHUNK, m - done);
      Bound product = bound(s, rows, ldc, beta);
      if (product == null) {
        if (done > 0) {
          throw new IllegalStateException("oneDNN refused an int8 product of " + rows
              + " rows after running one of " + CHUNK);
        }
        return false;
      }
      scratch.quantize(a, aOffset + (long) done * lda, lda, rows, product.bucketRows, k, alpha,
          levels, zero);
      product.run(scratch, NativeMemory.address(c, cOffset + (long) done * ldc));
    }
    return true;
  }

  private Bound bound(stream s, int rows, int ldc, float beta) {
    Product key = new Product(rows, ldc, beta);
    HashMap<Product, Bound> mine = bound.get();
    Bound product = mine.get(key);
    if (product == null) {
      int r = Bf16Matrix.bucket(rows);
      Packing packing = packing(r);
      Object direct = r == rows ? packing.primitive(new Direct(rows, ldc, beta)) : FAILED;
      if (direct != FAILED) {
        product = new Bound(s, rows, r, ldc, packing, (DnnlHandles.Prim) direct, null);
      } else {
        Object padded = packing.primitive(new Padded(r));
        Object out = packing.primitive(new Output(rows, ldc, beta));
        if (padded == FAILED || out == FAILED) {
          return null;
        }
        product = new Bound(s, rows, r, ldc, packing, (DnnlHandles.Prim) padded,
            (DnnlHandles.Prim) out);
      }
      mine.put(key, product);
    }
    return product;
  }

  /**
   * One shape of product made ready to run on one thread: its memory objects (pointing at the
   * thread's buffers or, for C, at nothing until it runs) and argument lists.
   */
  private final class Bound {
    private final int rows;
    private final int bucketRows;
    private final dnnl_stream stream;
    private final dnnl_primitive product;
    private final dnnl_primitive out;
    /** The Java owners of the handles below, kept reachable. */
    private final Object[] owners;
    private final dnnl_memory src;
    private final dnnl_memory rowScales;
    private final dnnl_memory dst;
    private final dnnl_memory scratch;
    private final dnnl_memory scratchRows;
    private final DnnlHandles.Pads pads;
    private final dnnl_exec_arg_t productArgs;
    private final dnnl_exec_arg_t outArgs;
    private final DnnlHandles.Address address = new DnnlHandles.Address();
    private final String what;

    Bound(stream s, int rows, int bucketRows, int ldc, Packing packing,
        DnnlHandles.Prim product, DnnlHandles.Prim out) {
      this.rows = rows;
      this.bucketRows = bucketRows;
      this.stream = s.get();
      this.product = product.primitive().get();
      this.out = out == null ? null : out.primitive().get();
      this.what = "an int8 product of " + rows + " rows";
      boolean direct = out == null;
      memory srcMemory = DnnlHandles.unbound(source(bucketRows));
      memory scalesMemory = DnnlHandles.unbound(scalesDesc(bucketRows));
      memory dstMemory = DnnlHandles.unbound(direct ? strided(rows, ldc)
          : new memory.desc(new long[] {rows, n}, memory.data_type.f32, new long[] {ldc, 1}));
      memory scratchMemory = direct ? dstMemory : DnnlHandles.unbound(dense(bucketRows));
      memory scratchRowsMemory = direct ? null : DnnlHandles.unbound(new memory.desc(
          new long[] {rows, n}, memory.data_type.f32, memory.format_tag.ab));
      this.pads = new DnnlHandles.Pads(product, out);
      this.owners = new Object[] {packing, product, out, srcMemory, scalesMemory, dstMemory,
          scratchMemory, scratchRowsMemory, pads, s};
      this.src = srcMemory.get();
      this.rowScales = scalesMemory.get();
      this.dst = dstMemory.get();
      this.scratch = direct ? dst : scratchMemory.get();
      this.scratchRows = direct ? null : scratchRowsMemory.get();
      this.productArgs = new dnnl_exec_arg_t(5);
      productArgs.getPointer(0).arg(dnnl.DNNL_ARG_SRC).memory(src);
      productArgs.getPointer(1).arg(dnnl.DNNL_ARG_WEIGHTS).memory(packing.packed.get());
      productArgs.getPointer(2).arg(dnnl.DNNL_ARG_DST).memory(scratch);
      productArgs.getPointer(3).arg(ROW_SCALES_ARG).memory(rowScales);
      productArgs.getPointer(4).arg(dnnl.DNNL_ARG_SCRATCHPAD).memory(pads.memory(0));
      this.outArgs = direct ? null : new dnnl_exec_arg_t(3);
      if (!direct) {
        outArgs.getPointer(0).arg(dnnl.DNNL_ARG_FROM).memory(scratchRows);
        outArgs.getPointer(1).arg(dnnl.DNNL_ARG_TO).memory(dst);
        outArgs.getPointer(2).arg(dnnl.DNNL_ARG_SCRATCHPAD).memory(pads.memory(1));
      }
    }

    /** Runs on the thread's quantized rows and scales, into C's rows at byte address c. */
    void run(Scratch buffers, long c) {
      address.bind(src, buffers.bytes.address(), what);
      address.bind(rowScales, buffers.scales.address(), what);
      address.bind(dst, c, what);
      if (out != null) {
        long padded = ProductScratch.get().buffer(0, (long) bucketRows * n * 4).address();
        address.bind(scratch, padded, what);
        address.bind(scratchRows, padded, what);
      }
      pads.bind(address, what);
      DnnlHandles.check(dnnl_primitive_execute(product, stream, 5, productArgs), "matmul", what);
      if (out != null) {
        DnnlHandles.check(dnnl_primitive_execute(out, stream, 3, outArgs), "reorder into C",
            what);
      }
      DnnlHandles.check(dnnl_stream_wait(stream), "stream wait", what);
    }
  }

  /**
   * The weights' column scales (output scales, one per column), the inputs' zero point, and the
   * post-ops: each row times its scale, then {@code + beta C} when beta is not 0.
   */
  private primitive_attr attributes(int rows, float beta) {
    primitive_attr attr = new primitive_attr();
    DnnlHandles.userScratchpad(attr);
    attr.set_output_scales(1 << 2, columnScales);
    attr.set_zero_points(dnnl.DNNL_ARG_SRC, 0, new int[] {zero});
    post_ops ops = new post_ops();
    ops.append_binary(dnnl.algorithm.binary_mul, scalesDesc(rows));
    if (beta != 0f) {
      ops.append_sum(beta, memory.data_type.undef);
    }
    attr.set_post_ops(ops);
    return attr;
  }

  private memory.desc source(int rows) {
    return new memory.desc(new long[] {1, rows, k}, memory.data_type.u8, memory.format_tag.abc);
  }

  private static memory.desc scalesDesc(int rows) {
    return new memory.desc(new long[] {1, rows, 1}, memory.data_type.f32, memory.format_tag.abc);
  }

  private memory.desc dense(int rows) {
    return new memory.desc(new long[] {1, rows, n}, memory.data_type.f32, memory.format_tag.abc);
  }

  private memory.desc strided(int rows, int ldc) {
    return new memory.desc(new long[] {1, rows, n}, memory.data_type.f32,
        new long[] {(long) rows * ldc, ldc, 1});
  }

  private static final Object FAILED = new Object();

  /** A product of a power-of-two row count straight into C. */
  private record Direct(int rows, int ldc, float beta) {}

  /** A product of a bucket's row count into a scratch array. */
  private record Padded(int rows) {}

  /** The scratch array's first rows added into C. */
  private record Output(int rows, int ldc, float beta) {}

  /** The shape of one product as a thread runs it. */
  private record Product(int rows, int ldc, float beta) {}

  /**
   * A thread's buffers for quantizing x: its rows (up to {@link #CHUNK}) as floats and as bytes,
   * and their scales (a padded product goes to {@link ProductScratch}).
   */
  private static final class Scratch {
    private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);
    float[] row = new float[0];
    byte[] quantized = new byte[0];
    float[] rowScales = new float[CHUNK];
    BytePointer bytes = new BytePointer(1L);
    final FloatPointer scales = new FloatPointer(CHUNK);

    static Scratch get(int k) {
      Scratch s = MINE.get();
      if (s.row.length < CHUNK * k) {
        s.row = new float[CHUNK * k];
      }
      if (s.quantized.length < CHUNK * k) {
        s.quantized = new byte[CHUNK * k];
        s.bytes.close();
        s.bytes = new BytePointer((long) CHUNK * k);
      }
      return s;
    }

    /**
     * Quantizes rows of x into {@link #bytes} and their scales times alpha into {@link #scales},
     * filling the rows up to {@code bucketRows} with zeros (the zero point, scale 0).
     */
    void quantize(INDArray a, long offset, int lda, int rows, int bucketRows, int k, float alpha,
        int levels, int zero) {
      if (lda == k) {
        // adjacent rows: one read for all of them (a read costs a native address lookup)
        NativeMemory.read(a, offset, row, 0, rows * k);
      } else {
        for (int i = 0; i < rows; i++) {
          NativeMemory.read(a, offset + (long) i * lda, row, i * k, k);
        }
      }
      for (int i = 0; i < rows; i++) {
        rowScales[i] =
            alpha * QuantizedMatrix.quantizeRow(row, i * k, k, quantized, i * k, levels, zero);
      }
      java.util.Arrays.fill(quantized, rows * k, bucketRows * k, (byte) zero);
      java.util.Arrays.fill(rowScales, rows, bucketRows, 0f);
      bytes.position(0).put(quantized, 0, bucketRows * k);
      scales.position(0).put(rowScales, 0, bucketRows);
    }
  }
}
