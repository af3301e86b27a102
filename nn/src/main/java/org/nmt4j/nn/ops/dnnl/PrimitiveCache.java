package org.nmt4j.nn.ops.dnnl;

import java.util.Arrays;
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
  private final Function<memory.desc[], primitive> factory;
  private final LongFunction<memory.desc[]> descsOf;
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
    this(argKinds, name, descs -> factory.apply(descs[0]),
        key -> same(descOf.apply(key), argKinds.length));
  }

  private PrimitiveCache(int[] argKinds, String name, Function<memory.desc[], primitive> factory,
      LongFunction<memory.desc[]> descsOf) {
    this.name = name;
    this.factory = factory;
    this.descsOf = descsOf;
    this.argKinds = argKinds.clone();
  }

  /**
   * For an operation whose arguments differ in layout (a reorder's source and destination).
   *
   * @param name the operation's name, for error messages
   * @param factory creates the primitive for the descriptors of its arguments
   * @param descsOf each argument's descriptor for a key, in the order of {@code argKinds}
   * @param argKinds oneDNN's argument ids in the order the callers pass addresses
   */
  static PrimitiveCache perArgument(String name, Function<memory.desc[], primitive> factory,
      LongFunction<memory.desc[]> descsOf, int... argKinds) {
    return new PrimitiveCache(argKinds, name, factory, descsOf);
  }

  /** The key of a [rows, cols] matrix shape: rows in the upper 32 bits, columns in the lower. */
  static long shapeKey(int rows, int cols) {
    return ((long) rows << 32) | cols;
  }

  /** The rows of a {@link #shapeKey}. */
  static long rows(long shapeKey) {
    return shapeKey >>> 32;
  }

  /** The columns of a {@link #shapeKey}. */
  static long cols(long shapeKey) {
    return shapeKey & 0xffffffffL;
  }

  private static memory.desc[] same(memory.desc desc, int count) {
    memory.desc[] descs = new memory.desc[count];
    Arrays.fill(descs, desc);
    return descs;
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
      memory.desc[] descs = descsOf.apply(key);
      primitive p = shared.computeIfAbsent(key, k -> factory.apply(descs));
      call = new BoundCall(p, argKinds, descs);
      mine.put(key, call);
    }
    return call;
  }

  @Override
  public String toString() {
    return name;
  }
}
