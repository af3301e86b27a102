package org.nmt4j.nn.ops.dnnl;

import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.primitive_desc_base;
import org.bytedeco.dnnl.stream;

/**
 * oneDNN's CPU engine for the elementwise kernels, one stream per thread, and whether oneDNN's
 * native library could be loaded at all (the JavaCPP preset {@code org.bytedeco:dnnl} ships it
 * inside a jar for linux-x86_64; on other platforms the callers keep ND4J's kernels).
 *
 * <p>Streams are per thread because a oneDNN stream is not meant to be shared by threads that
 * execute at the same time (the two encoder directions run on two threads, decoding batches on
 * several); a CPU stream is a small object, created on a thread's first call and kept for the
 * thread's life.
 */
public final class DnnlRuntime {
  private static final Throwable LOAD_FAILURE;
  private static final engine ENGINE;

  static {
    Throwable failure = null;
    engine created = null;
    try {
      created = new engine(engine.kind.cpu, 0);
    } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, dnnl error: no oneDNN
      failure = e;
    }
    LOAD_FAILURE = failure;
    ENGINE = created;
  }

  private static final ThreadLocal<ThreadStream> STREAMS =
      ThreadLocal.withInitial(ThreadStream::new);

  private DnnlRuntime() {}

  /** Whether oneDNN's native library was loaded and its CPU engine created. */
  public static boolean available() {
    return LOAD_FAILURE == null;
  }

  /** Why oneDNN is unavailable, or null when it is available. */
  public static String unavailableReason() {
    return LOAD_FAILURE == null ? null : LOAD_FAILURE.toString();
  }

  /** oneDNN's CPU engine (also the bf16 products', {@link org.nmt4j.nn.quant}). */
  public static engine engine() {
    if (LOAD_FAILURE != null) {
      throw new IllegalStateException("oneDNN is not available: " + LOAD_FAILURE);
    }
    return ENGINE;
  }

  /** The calling thread's stream handle (created on first use). */
  static dnnl_stream currentStream() {
    return STREAMS.get().handle;
  }

  /** The calling thread's stream (created on first use), for oneDNN's C++ API. */
  public static stream currentStreamObject() {
    return STREAMS.get().owner;
  }

  /** The descriptor of a dense float vector of {@code count} elements. */
  static memory.desc floatVector(long count) {
    return new memory.desc(new long[] {count}, memory.data_type.f32, memory.format_tag.a);
  }

  /** The descriptor of a dense row-major float [rows, cols] matrix. */
  static memory.desc floatMatrix(long rows, long cols) {
    return new memory.desc(new long[] {rows, cols}, memory.data_type.f32, memory.format_tag.ab);
  }

  /**
   * Attributes with the user scratchpad mode (so that no primitive keeps a scratchpad of its
   * own, which makes one primitive safe to execute on several threads at once) and the given
   * post-ops (or none when null).
   */
  static primitive_attr attributes(post_ops postOps) {
    primitive_attr attr = new primitive_attr();
    attr.set_scratchpad_mode(dnnl.dnnl_scratchpad_mode_user);
    if (postOps != null) {
      attr.set_post_ops(postOps);
    }
    return attr;
  }

  /**
   * Returns {@code pd} after checking that its primitive needs no scratchpad (an elementwise
   * primitive on dense vectors needs none; {@link BoundCall} passes none).
   *
   * @throws IllegalStateException naming the operation otherwise
   */
  static <P extends primitive_desc_base> P withoutScratchpad(P pd, String name) {
    long bytes = pd.scratchpad_desc().get_size();
    if (bytes != 0) {
      throw new IllegalStateException("oneDNN's " + name + " primitive asks for a scratchpad of "
          + bytes + " bytes");
    }
    return pd;
  }

  /** A stream and its C handle, kept together so the handle's owner stays reachable. */
  private static final class ThreadStream {
    final stream owner = new stream(engine());
    final dnnl_stream handle = owner.get();
  }
}
