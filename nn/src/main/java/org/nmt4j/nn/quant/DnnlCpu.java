package org.nmt4j.nn.quant;

import org.bytedeco.dnnl.global.dnnl;

/**
 * What oneDNN found on this CPU, asked once: the instruction set its kernels use (its cpu_isa
 * bits), or why its native library could not be loaded.
 */
final class DnnlCpu {
  /** Why oneDNN's native library could not be loaded, or null. */
  static final Throwable LOAD_FAILURE;
  /** oneDNN's effective cpu_isa value (0 when it could not be loaded). */
  static final int ISA;

  static {
    Throwable failure = null;
    int isa = 0;
    try {
      isa = dnnl.dnnl_get_effective_cpu_isa();
    } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native build here
      failure = e;
    }
    LOAD_FAILURE = failure;
    ISA = isa;
  }

  private DnnlCpu() {}
}
