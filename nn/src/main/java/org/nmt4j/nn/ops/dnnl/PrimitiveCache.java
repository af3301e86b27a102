package org.nmt4j.nn.ops.dnnl;

import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;

/**
 * The primitives of one operation, one per element count (or per shape, for an operation on
 * matrices), and their per-thread bindings.
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
  private final LongFunction<memory.desc> descOf;
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
    this(name, factory, DnnlRuntime::floatVector, argKinds);
  }

  /**
   * @param name the operation's name, for error messages
   * @param factory creates the primitive for the descriptor its key gives
   * @param descOf the descriptor of every argument for a key (e.g. a matrix shape packed into
   *     a long)
   * @param argKinds oneDNN's argument ids in the order the callers pass addresses
   */
  PrimitiveCache(String name, Function<memory.desc, primitive> factory,
      LongFunction<memory.desc> descOf, int... argKinds) {
    this.name = name;
    this.factory = factory;
    this.descOf = descOf;
    this.argKinds = argKinds.clone();
  }

  /**
   * The calling thread's call of this operation for {@code key} (>= 1): the element count, or
   * what the cache's descriptor function reads a shape from.
   */
  BoundCall call(long key) {
    HashMap<Long, BoundCall> mine = bound.get();
    BoundCall call = mine.get(key);
    if (call == null) {
      if (key < 1) {
        throw new IllegalArgumentException(name + " on " + key + " elements");
      }
      memory.desc desc = descOf.apply(key);
      primitive p = shared.computeIfAbsent(key, k -> factory.apply(desc));
      call = new BoundCall(p, argKinds, desc);
      mine.put(key, call);
    }
    return call;
  }

  @Override
  public String toString() {
    return name;
  }
}
