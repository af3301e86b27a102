package org.nmt4j.nn.quant;

import org.bytedeco.javacpp.BytePointer;

/**
 * A thread's scratch buffers for bf16 and int8 products (operands converted to bf16 or quantized,
 * a padded product), grown as needed and reused, so that a product allocates no native memory.
 */
final class ProductScratch {
  private static final ThreadLocal<ProductScratch> MINE = ThreadLocal.withInitial(ProductScratch::new);

  private final BytePointer[] buffers = {new BytePointer(0L), new BytePointer(0L),
      new BytePointer(0L)};

  private ProductScratch() {}

  /** The calling thread's buffers. */
  static ProductScratch get() {
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
