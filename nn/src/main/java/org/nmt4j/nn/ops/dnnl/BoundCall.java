package org.nmt4j.nn.ops.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.javacpp.Pointer;

/**
 * One primitive made ready to run on one thread: its argument list and one memory object per
 * argument, all created once, so that a call only points the memory objects at the caller's
 * data and executes (one JNI call per argument and one to execute, a few microseconds).
 *
 * <p>Not thread-safe: each thread has its own (see {@link PrimitiveCache}); the primitive itself
 * is shared.
 */
final class BoundCall {
  private final primitive owner;
  private final dnnl_primitive primitive;
  private final dnnl_stream stream;
  private final memory[] memories;
  private final dnnl_memory[] handles;
  private final dnnl_exec_arg_t args;
  private final int count;
  private final Address address = new Address();
  /** Whether the call is small enough for the elementwise team cap ({@link OpenMpTeam}). */
  private final boolean capped;

  /**
   * @param primitive the shared primitive
   * @param argKinds oneDNN's argument ids (DNNL_ARG_SRC, ...), in the order {@link #run} takes
   *     the addresses
   * @param descs each argument's descriptor, in the order of {@code argKinds}
   */
  BoundCall(primitive primitive, int[] argKinds, memory.desc[] descs) {
    this.owner = primitive;
    this.primitive = primitive.get();
    this.stream = DnnlRuntime.currentStream();
    this.count = argKinds.length;
    this.memories = new memory[count];
    this.handles = new dnnl_memory[count];
    this.args = new dnnl_exec_arg_t(count);
    this.capped = OpenMpTeam.capped(descs[0].get_size());
    for (int i = 0; i < count; i++) {
      // no buffer of its own (DNNL_MEMORY_NONE): each call sets the caller's address
      memories[i] = new memory(descs[i], DnnlRuntime.engine(), new Pointer());
      handles[i] = memories[i].get();
      args.getPointer(i).arg(argKinds[i]).memory(handles[i]);
    }
  }

  /** Runs with two arguments (their byte addresses, in the order of the argument kinds). */
  void run(long a0, long a1) {
    bind(0, a0);
    bind(1, a1);
    execute();
  }

  /** Runs with three arguments. */
  void run(long a0, long a1, long a2) {
    bind(0, a0);
    bind(1, a1);
    bind(2, a2);
    execute();
  }

  /** Runs with four arguments. */
  void run(long a0, long a1, long a2, long a3) {
    bind(0, a0);
    bind(1, a1);
    bind(2, a2);
    bind(3, a3);
    execute();
  }

  private void bind(int i, long byteAddress) {
    address.at(byteAddress);
    check(dnnl_memory_set_data_handle(handles[i], address), "dnnl_memory_set_data_handle");
  }

  private void execute() {
    int team = capped ? OpenMpTeam.enter() : 0;
    try {
      check(dnnl_primitive_execute(primitive, stream, count, args), "dnnl_primitive_execute");
    } finally {
      OpenMpTeam.exit(team);
    }
  }

  private void check(int status, String call) {
    if (status != dnnl_success) {
      throw new IllegalStateException(call + " failed with status " + status + " for "
          + owner.get_kind());
    }
  }

  /** A pointer at a byte address, position 0, owning nothing. */
  private static final class Address extends Pointer {
    void at(long byteAddress) {
      this.address = byteAddress;
    }
  }
}
