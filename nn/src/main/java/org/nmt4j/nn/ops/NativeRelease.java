package org.nmt4j.nn.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees an array's native memory at once instead of when the garbage collector finds the array
 * unreachable.
 *
 * <p>ND4J keeps an array's data outside the Java heap and frees it only after a collection of
 * the small Java object that owns it. The heap fills slowly (nmt4j allocates little per step),
 * so a buffer that a workspace outgrew, or a temporary of weight initialisation, stayed resident
 * for many steps, next to its replacement: on {@code bench train} several hundred MB of the peak
 * resident memory. Releasing it when it is replaced returns it to the system right away (large
 * blocks are unmapped by {@code free}).
 */
public final class NativeRelease {
  private NativeRelease() {}

  /**
   * Frees the native buffer of {@code array} now, when the array owns it (not a view, not
   * attached to an ND4J workspace, not already released); otherwise does nothing. The caller
   * guarantees that no view of the array is used afterwards: reading one would read freed memory.
   *
   * @param array an array that is no longer used, or null
   */
  public static void free(INDArray array) {
    if (array != null && array.closeable()) {
      array.close();
    }
  }
}
