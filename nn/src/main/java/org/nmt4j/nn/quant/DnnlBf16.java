package org.nmt4j.nn.quant;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.stream;
import org.nmt4j.nn.ops.dnnl.DnnlRuntime;

/**
 * oneDNN's CPU engine and one execution stream per thread, for the bf16 products of {@link
 * Bf16Matrix}, from the JavaCPP preset {@code org.bytedeco:dnnl} (the native library ships
 * inside the jar).
 *
 * <p>Why oneDNN's matmul primitive: it generates its kernels for the CPU it finds at run time,
 * and on a CPU with AMX tiles (Intel Xeon 4th generation and later) or AVX-512 BF16 (Intel
 * Cooper Lake, AMD Zen 4 and later) it multiplies bf16 pairs in hardware with float sums; weights
 * are reordered once into the layout its kernel reads best.
 */
public final class DnnlBf16 {
  /** oneDNN's cpu_isa bit of avx512_core_bf16, set for every ISA that has it (AMX too). */
  private static final int BF16_BIT = 0x80;

  private static final Throwable LOAD_FAILURE = DnnlCpu.LOAD_FAILURE;
  private static final int ISA = DnnlCpu.ISA;

  private DnnlBf16() {}

  /** Whether bf16 products run in hardware here (oneDNN loads and the CPU has bf16 instructions). */
  public static boolean available() {
    return LOAD_FAILURE == null && (ISA & BF16_BIT) != 0;
  }

  /**
   * Fails with a one-line reason when bf16 products cannot run in hardware here: oneDNN's native
   * library cannot be loaded, or the CPU has neither AMX nor AVX-512 BF16 (oneDNN would emulate
   * them, slower than float).
   */
  public static void requireAvailable() {
    if (LOAD_FAILURE != null) {
      throw new IllegalStateException("bf16 inference needs oneDNN's native library (Maven "
          + "artifact org.bytedeco:dnnl for this platform), which could not be loaded: "
          + LOAD_FAILURE);
    }
    if ((ISA & BF16_BIT) == 0) {
      throw new IllegalStateException("bf16 inference needs a CPU with AMX or AVX-512 BF16 "
          + "instructions; this one has " + DnnlInt8.instructionSet()
          + " (use int8 or none instead)");
    }
  }

  /** oneDNN's CPU engine, the one the elementwise kernels use. */
  static engine engine() {
    return DnnlRuntime.engine();
  }

  /** The calling thread's stream (oneDNN streams are not shared between threads). */
  static stream stream() {
    return DnnlRuntime.currentStreamObject();
  }
}
