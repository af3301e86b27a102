package org.nmt4j.nn.quant;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A product's {@code alpha} given to a oneDNN primitive when it runs (its output scale), so that
 * one primitive serves every alpha (training scales gradients by 1 / tokens, a new value per
 * batch). Close it after the primitive ran.
 */
final class RuntimeScale implements AutoCloseable {
  static final memory.desc ONE = new memory.desc(new long[] {1}, memory.data_type.f32,
      memory.format_tag.a);

  private final FloatPointer value;
  private final memory handle;

  RuntimeScale(float alpha) {
    this.value = new FloatPointer(1).put(alpha);
    this.handle = new memory(ONE, DnnlBf16.engine(), value);
  }

  /**
   * oneDNN's DNNL_RUNTIME_F32_VAL, a NaN with a payload (the preset's double constant loses the
   * payload when narrowed to float).
   */
  private static final float RUNTIME_F32 = Float.intBitsToFloat(0x7fc000d0);

  /** Declares in {@code attr} an output scale given at run time. */
  static void declare(primitive_attr attr) {
    attr.set_output_scales(0, new float[] {RUNTIME_F32});
  }

  /** The scale's memory, the argument {@code DNNL_ARG_ATTR_OUTPUT_SCALES}. */
  memory memory() {
    return handle;
  }

  @Override
  public void close() {
    handle.close();
    value.close();
  }
}
