package org.nmt4j.nn.quant;

import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;

import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Small helpers for running oneDNN primitives through its C API on memory objects made once and
 * pointed at the caller's buffers before each run (the products of {@link Bf16Matrix} and {@link
 * Int8Block}).
 */
final class DnnlHandles {
  private DnnlHandles() {}

  /** A oneDNN memory object with no buffer of its own (each product sets the caller's). */
  static memory unbound(memory.desc desc) {
    return new memory(desc, DnnlBf16.engine(), new Pointer());
  }

  /**
   * Makes a primitive take its scratchpad from the caller ({@code DNNL_ARG_SCRATCHPAD}) instead of
   * owning one: a oneDNN primitive with its own scratchpad must not run on two threads at once
   * (this build of oneDNN shares it between them; two decoding threads running one int8 matmul
   * wrote each other's partial sums), so each thread passes its own ({@link #scratchpad}).
   */
  static void userScratchpad(primitive_attr attr) {
    attr.set_scratchpad_mode(dnnl.scratchpad_mode.user);
  }

  private static final ThreadLocal<BytePointer[]> SCRATCHPADS =
      ThreadLocal.withInitial(() -> new BytePointer[] {new BytePointer(64L)});

  /** The calling thread's scratchpad with room for at least {@code bytes}: its byte address. */
  static long scratchpad(long bytes) {
    BytePointer[] mine = SCRATCHPADS.get();
    if (mine[0].capacity() < bytes) {
      mine[0].close();
      mine[0] = new BytePointer(Math.max(bytes, 64L));
    }
    return mine[0].address();
  }

  /** A primitive made with {@link #userScratchpad}, and the scratchpad it takes. */
  record Prim(primitive primitive, memory.desc scratchpad) {
    static Prim of(matmul.primitive_desc pd) {
      return new Prim(new matmul(pd), pd.scratchpad_desc());
    }

    static Prim of(reorder.primitive_desc pd) {
      return new Prim(new reorder(pd), pd.scratchpad_desc());
    }
  }

  /**
   * The reorder that adds the first {@code rows} rows of a dense float scratch product [rows,
   * cols] into C (rows {@code ldc} floats apart): {@code C = P + beta C}, the way out of a product
   * that oneDNN could not write into C directly.
   */
  static Prim addRows(int rows, int cols, int ldc, float beta) {
    primitive_attr attr = new primitive_attr();
    userScratchpad(attr);
    if (beta != 0f) {
      post_ops ops = new post_ops();
      ops.append_sum(beta, memory.data_type.undef);
      attr.set_post_ops(ops);
    }
    return Prim.of(new reorder.primitive_desc(DnnlBf16.engine(),
        new memory.desc(new long[] {rows, cols}, memory.data_type.f32, memory.format_tag.ab),
        DnnlBf16.engine(),
        new memory.desc(new long[] {rows, cols}, memory.data_type.f32, new long[] {ldc, 1}),
        attr, false));
  }

  /**
   * The scratchpad arguments of up to three primitives that run one after the other on one
   * thread: memory objects pointed at the thread's scratchpad before each run.
   */
  static final class Pads {
    private final memory[] owners = new memory[3];
    private final dnnl_memory[] handles = new dnnl_memory[3];
    private long bytes;

    Pads(Prim... prims) {
      for (int i = 0; i < prims.length; i++) {
        if (prims[i] != null) {
          owners[i] = unbound(prims[i].scratchpad());
          handles[i] = owners[i].get();
          bytes = Math.max(bytes, prims[i].scratchpad().get_size());
        }
      }
    }

    /** The memory object of primitive i's scratchpad (null where there is no primitive i). */
    dnnl_memory memory(int i) {
      return handles[i];
    }

    /** Points each scratchpad at the calling thread's. */
    void bind(Address address, String product) {
      long at = scratchpad(bytes);
      for (int i = 0; i < 3; i++) {
        if (handles[i] != null) {
          address.bind(handles[i], at, product);
        }
      }
    }
  }

  /** Fails with the call's name and oneDNN's status unless it succeeded. */
  static void check(int status, String call, String product) {
    if (status != dnnl.dnnl_success) {
      throw new IllegalStateException("oneDNN's " + call + " failed with status " + status
          + " in " + product);
    }
  }

  /** A pointer at a byte address, position 0, owning nothing. */
  static final class Address extends Pointer {
    void at(long byteAddress) {
      this.address = byteAddress;
    }

    /** Points {@code memory} at the byte address {@code byteAddress}. */
    void bind(dnnl_memory memory, long byteAddress, String product) {
      at(byteAddress);
      check(dnnl_memory_set_data_handle(memory, this), "set_data_handle", product);
    }
  }
}
