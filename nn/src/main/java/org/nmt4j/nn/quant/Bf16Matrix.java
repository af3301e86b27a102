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
  /** For trained weights, the memory both layouts' blocks share ({@link Pool}); else null. */
  private final Pool pool;

  /**
   * @param length the array's element count (reads beyond it are refused)
   * @param trained whether the weights change between products (training): blocks are then
   *     converted again whenever the weights' generation moved on since (see the class comment)
   */
  Bf16Matrix(long length, boolean trained) {
    this.length = length;
    this.trained = trained;
    this.pool = trained ? new Pool() : null;
  }

  /**
   * Bytes of packed bf16 weights this matrix holds: for trained weights the shared buffer, else
   * its blocks' own (for tests and memory accounting).
   */
  long packedBytes() {
    return pool != null ? pool.capacity() : blockBytes();
  }

  /** Bytes the blocks of this matrix would hold each in their own buffer (for tests). */
  long blockBytes() {
    long total = 0;
    for (Block b : blocks.values()) {
      total += b.bytes;
    }
    return total;
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
    if (bOffset < 0 || last >= length || !safeOutputs(n)) {
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
      if (!block.run(s, rows, NativeMemory.address(a, aOffset + (long) done * lda), lda,
          NativeMemory.address(c, cOffset + (long) done * ldc), ldc, alpha, beta)) {
        if (done > 0) {
          throw new IllegalStateException("oneDNN refused a bf16 product of " + rows
              + " rows after running one of " + CHUNK);
        }
        return false;
      }
    }
    return true;
  }

  /**
   * Whether oneDNN's bf16 matmul computes products of {@code n} outputs correctly. oneDNN 2.5's
   * AVX-512 BF16 kernel (the one taken on CPUs with AVX-512 BF16 and no AMX, such as AMD's Zen
   * 4) gives wrong sums for 33 to 64 outputs whenever a call has fewer than 64 rows, though it
   * accepts the shape: found on an AMD EPYC, where every n from 1 to 200 was tried (k = 64;
   * 1, 8, 32 and 64 rows) and only 33 to 64 failed, with either weight layout. Such products
   * (hidden sizes of toy models) stay float on every CPU: they are too small for bf16 to gain.
   */
  static boolean safeOutputs(int n) {
    return n <= 32 || n > 64;
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
    /** Size of the packed form in bytes (0 without a kernel). */
    private final long bytes;
    /** For a pooled block: its side (0 or 1, -1 before its first conversion) and offset. */
    private int side = -1;
    private long offset;
    /** For a pooled block: its side's epoch when it was last converted (see {@link Pool}). */
    private volatile long claimed = -1;
    private final ConcurrentHashMap<Object, Object> primitives = new ConcurrentHashMap<>();
    /** Each thread's products made ready to run, by shape ({@link BoundProduct}). */
    private final ThreadLocal<HashMap<Product, BoundProduct>> bound =
        ThreadLocal.withInitial(HashMap::new);
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
        // a trained matrix's blocks live in its pool, which points them at memory when placed
        packed = pool != null ? new memory(packedDesc, DnnlBf16.engine(), (Pointer) null)
            : new memory(packedDesc, DnnlBf16.engine());
      } catch (RuntimeException e) { // dnnl::error: no bf16 kernel for this shape here
        packedDesc = null;
        packed = null;
      }
      this.packedDesc = packedDesc;
      this.packed = packed;
      this.bytes = packedDesc == null ? 0 : packedDesc.get_size();
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
      if (generation == wanted && (pool == null || pool.holds(this))) {
        return true;
      }
      synchronized (pool != null ? pool : this) {
        if (generation != wanted || (pool != null && !pool.holds(this))) {
          if (pool != null) {
            pool.claim(this);
          }
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
    boolean run(stream s, int rows, long a, int lda, long c, int ldc, float alpha, float beta) {
      boolean scaled = alpha != 1f;
      Product key = new Product(rows, lda, ldc, beta, scaled);
      HashMap<Product, BoundProduct> mine = bound.get();
      BoundProduct product = mine.get(key);
      if (product == null) {
        int r = bucket(rows);
        boolean direct = r == rows;
        Object matmul = primitive(direct ? new Direct(rows, ldc, beta) : new Padded(r));
        Object toBf16 = primitive(new Input(rows, lda, scaled));
        Object out = direct ? null : primitive(new Output(rows, ldc, beta));
        if (matmul == FAILED || toBf16 == FAILED || out == FAILED) {
          return false;
        }
        product = new BoundProduct(s, rows, r, lda, ldc, scaled,
            (DnnlHandles.Prim) toBf16, (DnnlHandles.Prim) matmul, (DnnlHandles.Prim) out);
        mine.put(key, product);
      }
      product.run(a, c, alpha);
      return true;
    }

    /**
     * One shape of product made ready to run on one thread: its memory objects (pointing at
     * nothing of their own), argument lists and scale, created on the thread's first product of
     * that shape, so that a product only points them at the caller's rows and executes. Before,
     * every product created and closed six memory objects, two argument maps and a scale (an
     * async-profiler profile of {@code bench translate --quantize bf16 --latency-runs} put 11% of
     * the recurrent step's time at batch 1 in them).
     */
    private final class BoundProduct {
      private final int rows;
      private final int bucketRows;
      private final dnnl_stream stream;
      private final dnnl_primitive toBf16;
      private final dnnl_primitive product;
      private final dnnl_primitive out;
      /** The Java owners of the handles below, kept reachable. */
      private final Object[] owners;
      private final dnnl_memory src;
      private final dnnl_memory srcB;
      private final dnnl_memory srcBRows;
      private final dnnl_memory dst;
      private final dnnl_memory scratch;
      private final dnnl_memory scratchRows;
      private final FloatPointer scale;
      private final DnnlHandles.Pads pads;
      private final String what;
      private final dnnl_exec_arg_t inArgs;
      private final int inCount;
      private final dnnl_exec_arg_t productArgs;
      private final dnnl_exec_arg_t outArgs;
      private final DnnlHandles.Address address = new DnnlHandles.Address();

      BoundProduct(stream s, int rows, int bucketRows, int lda, int ldc, boolean scaled,
          DnnlHandles.Prim toBf16, DnnlHandles.Prim product, DnnlHandles.Prim out) {
        this.rows = rows;
        this.bucketRows = bucketRows;
        this.stream = s.get();
        this.toBf16 = toBf16.primitive().get();
        this.product = product.primitive().get();
        this.out = out == null ? null : out.primitive().get();
        this.pads = new DnnlHandles.Pads(toBf16, product, out);
        this.what = "a bf16 product of " + rows + " rows";
        boolean direct = out == null;
        memory srcMemory = DnnlHandles.unbound(strided(rows, k, lda));
        memory srcBMemory = DnnlHandles.unbound(dense(bucketRows, k, memory.data_type.bf16));
        memory srcBRowsMemory = DnnlHandles.unbound(dense(rows, k, memory.data_type.bf16));
        memory dstMemory = DnnlHandles.unbound(strided(rows, outputs, ldc));
        memory scratchMemory = direct ? dstMemory
            : DnnlHandles.unbound(dense(bucketRows, outputs, memory.data_type.f32));
        memory scratchRowsMemory = direct ? null
            : DnnlHandles.unbound(dense(rows, outputs, memory.data_type.f32));
        this.scale = scaled ? new FloatPointer(1) : null;
        memory scaleMemory = scaled ? new memory(RuntimeScale.ONE, DnnlBf16.engine(), scale)
            : null;
        this.owners = new Object[] {toBf16, product, out, srcMemory, srcBMemory,
            srcBRowsMemory, dstMemory, scratchMemory, scratchRowsMemory, scaleMemory, s, pads};
        this.src = srcMemory.get();
        this.srcB = srcBMemory.get();
        this.srcBRows = srcBRowsMemory.get();
        this.dst = dstMemory.get();
        this.scratch = direct ? dst : scratchMemory.get();
        this.scratchRows = direct ? null : scratchRowsMemory.get();
        this.inCount = scaled ? 4 : 3;
        this.inArgs = new dnnl_exec_arg_t(inCount);
        inArgs.getPointer(0).arg(dnnl.DNNL_ARG_FROM).memory(src);
        inArgs.getPointer(1).arg(dnnl.DNNL_ARG_TO).memory(srcBRows);
        inArgs.getPointer(2).arg(dnnl.DNNL_ARG_SCRATCHPAD).memory(pads.memory(0));
        if (scaled) {
          inArgs.getPointer(3).arg(dnnl.DNNL_ARG_ATTR_OUTPUT_SCALES).memory(scaleMemory.get());
        }
        this.productArgs = new dnnl_exec_arg_t(4);
        productArgs.getPointer(0).arg(dnnl.DNNL_ARG_SRC).memory(srcB);
        productArgs.getPointer(1).arg(dnnl.DNNL_ARG_WEIGHTS).memory(packed.get());
        productArgs.getPointer(2).arg(dnnl.DNNL_ARG_DST).memory(scratch);
        productArgs.getPointer(3).arg(dnnl.DNNL_ARG_SCRATCHPAD).memory(pads.memory(1));
        this.outArgs = direct ? null : new dnnl_exec_arg_t(3);
        if (!direct) {
          outArgs.getPointer(0).arg(dnnl.DNNL_ARG_FROM).memory(scratchRows);
          outArgs.getPointer(1).arg(dnnl.DNNL_ARG_TO).memory(dst);
          outArgs.getPointer(2).arg(dnnl.DNNL_ARG_SCRATCHPAD).memory(pads.memory(2));
        }
      }

      /** C = alpha A B + beta C for A's rows at byte address a and C's at c. */
      void run(long a, long c, float alpha) {
        ProductScratch buffers = ProductScratch.get();
        long bf16Rows = buffers.buffer(0, (long) bucketRows * k * 2).address();
        bind(src, a);
        bind(srcB, bf16Rows);
        bind(srcBRows, bf16Rows);
        bind(dst, c);
        if (out != null) {
          long padded = buffers.buffer(1, (long) bucketRows * outputs * 4).address();
          bind(scratch, padded);
          bind(scratchRows, padded);
        }
        if (scale != null) {
          scale.put(alpha);
        }
        pads.bind(address, what);
        check(dnnl_primitive_execute(toBf16, stream, inCount, inArgs), "reorder to bf16");
        check(dnnl_primitive_execute(product, stream, 4, productArgs), "matmul");
        if (out != null) {
          check(dnnl_primitive_execute(out, stream, 3, outArgs), "reorder into C");
        }
        check(dnnl_stream_wait(stream), "stream wait");
      }

      private void bind(dnnl_memory memory, long byteAddress) {
        address.bind(memory, byteAddress, what);
      }

      private void check(int status, String call) {
        DnnlHandles.check(status, call, what);
      }
    }

    private Object primitive(Object key) {
      Object p = primitives.get(key);
      return p != null ? p : primitives.computeIfAbsent(key, this::create);
    }

    private Object create(Object key) {
      try {
        if (key instanceof Direct d) {
          primitive_attr attr = new primitive_attr();
          DnnlHandles.userScratchpad(attr);
          if (d.beta() != 0f) {
            post_ops ops = new post_ops();
            ops.append_sum(d.beta(), memory.data_type.undef);
            attr.set_post_ops(ops);
          }
          return DnnlHandles.Prim.of(new matmul.primitive_desc(new matmul.desc(
              dense(d.rows(), k, memory.data_type.bf16), packedDesc,
              strided(d.rows(), outputs, d.ldc())), attr, DnnlBf16.engine()));
        } else if (key instanceof Padded p) {
          primitive_attr attr = new primitive_attr();
          DnnlHandles.userScratchpad(attr);
          return DnnlHandles.Prim.of(new matmul.primitive_desc(new matmul.desc(
              dense(p.rows(), k, memory.data_type.bf16), packedDesc,
              dense(p.rows(), outputs, memory.data_type.f32)), attr, DnnlBf16.engine()));
        } else if (key instanceof Pack pk) {
          return new reorder(new reorder.primitive_desc(DnnlBf16.engine(),
              new memory.desc(new long[] {k, outputs}, memory.data_type.f32,
                  new long[] {pk.rowStride(), pk.columnStride()}), DnnlBf16.engine(),
              packedDesc));
        } else if (key instanceof Input in) {
          primitive_attr attr = new primitive_attr();
          DnnlHandles.userScratchpad(attr);
          if (in.scaled()) {
            RuntimeScale.declare(attr);
          }
          return DnnlHandles.Prim.of(new reorder.primitive_desc(DnnlBf16.engine(),
              strided(in.rows(), k, in.lda()), DnnlBf16.engine(),
              dense(in.rows(), k, memory.data_type.bf16), attr, false));
        } else {
          Output o = (Output) key;
          return DnnlHandles.addRows(o.rows(), outputs, o.ldc(), o.beta());
        }
      } catch (RuntimeException e) { // dnnl::error: unimplemented for this shape or layout
        return FAILED;
      }
    }
  }

  /**
   * The memory that a trained matrix's packed blocks share. A training step reads each weight in
   * one layout in the forward pass (x W for a recurrent layer, x W^T for the output layer) and in
   * the other in the backward pass, and converts both again after every optimizer step; so the
   * blocks of the two layouts (the sides: 0 for the layout read first, 1 for the other) take
   * turns in one buffer the size of the larger side, instead of each keeping its own (about 77 MB
   * for the standard model, half of it now). Each side's blocks lie one after the other from the
   * buffer's start; converting a block overwrites the other side's, which its epoch records, and
   * a block converts again when its side's epoch has moved on since its own conversion (an
   * inference pass after a backward pass, for example). The buffer grows while blocks are first
   * placed (the first training step), which points every block at the new buffer and marks all
   * for conversion.
   *
   * <p>Products of one weight array run on one thread at a time (a layer's work), as training
   * runs them: growing frees the buffer another thread's product might be reading.
   */
  private static final class Pool {
    /** oneDNN's preferred alignment of a buffer. */
    private static final int ALIGN = 64;

    private final java.util.List<Block> placed = new java.util.ArrayList<>();
    private final long[] used = new long[2];
    private final java.util.concurrent.atomic.AtomicLongArray epoch =
        new java.util.concurrent.atomic.AtomicLongArray(2);
    private Boolean firstTransposed;
    private BytePointer buffer;
    private long base;
    private long capacity;

    /** Whether the block's packed form is still in the buffer. */
    boolean holds(Block b) {
      long claimed = b.claimed; // read first: the volatile write that follows placing the block
      return b.side >= 0 && claimed == epoch.get(b.side);
    }

    synchronized long capacity() {
      return capacity;
    }

    /** Places the block if new, grows the buffer if needed, and takes its side's turn. */
    synchronized void claim(Block b) {
      if (b.side < 0) {
        if (firstTransposed == null) {
          firstTransposed = b.read.transB();
        }
        b.side = b.read.transB() == firstTransposed ? 0 : 1;
        b.offset = used[b.side];
        used[b.side] += (b.bytes + ALIGN - 1) / ALIGN * ALIGN;
        placed.add(b);
        long need = Math.max(used[0], used[1]);
        if (need > capacity) {
          grow(need);
        } else {
          b.packed.set_data_handle(NativeMemory.pointer(base + b.offset));
        }
      }
      epoch.incrementAndGet(1 - b.side);
      b.claimed = epoch.get(b.side);
    }

    private void grow(long need) {
      BytePointer old = buffer;
      // owned by JavaCPP: freed with the matrix when its weights are no longer registered
      BytePointer fresh = new BytePointer(need + ALIGN);
      buffer = fresh;
      base = (fresh.address() + ALIGN - 1) / ALIGN * ALIGN;
      capacity = need;
      epoch.incrementAndGet(0);
      epoch.incrementAndGet(1);
      for (Block p : placed) {
        p.packed.set_data_handle(NativeMemory.pointer(base + p.offset));
      }
      if (old != null) {
        old.deallocate();
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

  /** The shape of one product as a thread runs it ({@link Block}'s per-thread cache key). */
  private record Product(int rows, int lda, int ldc, float beta, boolean scaled) {}

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
