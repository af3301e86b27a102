package org.nmt4j.nn.quant;

import org.bytedeco.javacpp.BytePointer;

/**
 * A thread's scratch buffers for bf16 products (operands converted to bf16, a padded product),
 * grown as needed and reused, so that a product allocates no native memory.
 */
final class Bf16Scratch {
  private static final ThreadLocal<Bf16Scratch> MINE = ThreadLocal.withInitial(Bf16Scratch::new);

  private final BytePointer[] buffers = {new BytePointer(0L), new BytePointer(0L),
      new BytePointer(0L)};

  private Bf16Scratch() {}

  /** The calling thread's buffers. */
  static Bf16Scratch get() {
    return MINE.get();
  }

  /**
   * Buffer {@code which} (0, 1 or 2) with room for at least {@code bytes} (its content is
   * undefined).
   */
  BytePointer buffer(int which, long bytes) {
    if (buffers[which].capacity() < bytes) {
      buffers[which].close();
      buffers[which] = new BytePointer(Math.max(bytes, 64));
    }
    return buffers[which];
  }
}
