package org.nmt4j.nn.ops.dnnl;

import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;

/**
 * The primitives of one operation, one per element count, and their per-thread bindings.
 *
 * <p>oneDNN compiles a primitive for fixed shapes, so each element count (rows x hidden; rows
 * change from step to step with packed sequences) gets its own primitive, created on first use
 * and shared by all threads. Each thread gets its own {@link BoundCall} per count (memory objects
 * whose data handles are set per call are not shareable). Primitives are created with the user
 * scratchpad mode and must need no scratchpad, which makes concurrent execution of one primitive
 * safe.
 */
final class PrimitiveCache {
  private final String name;
  private final Function<memory.desc, primitive> factory;
  private final int[] argKinds;
  private final ConcurrentHashMap<Long, primitive> shared = new ConcurrentHashMap<>();
  private final ThreadLocal<HashMap<Long, BoundCall>> bound =
      ThreadLocal.withInitial(HashMap::new);

  /**
   * @param name the operation's name, for error messages
   * @param factory creates the primitive for the descriptor of a float vector
   * @param argKinds oneDNN's argument ids in the order the callers pass addresses
   */
  PrimitiveCache(String name, Function<memory.desc, primitive> factory, int... argKinds) {
    this.name = name;
    this.factory = factory;
    this.argKinds = argKinds.clone();
  }

  /** The calling thread's call of this operation on {@code elements} elements (>= 1). */
  BoundCall call(long elements) {
    HashMap<Long, BoundCall> mine = bound.get();
    Long key = elements;
    BoundCall call = mine.get(key);
    if (call == null) {
      if (elements < 1) {
        throw new IllegalArgumentException(name + " on " + elements + " elements");
      }
      primitive p = shared.computeIfAbsent(key,
          n -> factory.apply(DnnlRuntime.floatVector(n)));
      call = new BoundCall(p, argKinds, elements);
      mine.put(key, call);
    }
    return call;
  }

  @Override
  public String toString() {
    return name;
  }
}
