package org.nmt4j.nn.ops.dnnl;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nmt4j.nn.ElementwiseThreads;

/**
 * Caps the OpenMP team an elementwise primitive starts at the elementwise thread count ({@link
 * ElementwiseThreads#PROPERTY}, default 1), as ND4J's elementwise loops are capped: on [rows,
 * hidden] blocks the hand-off to a second thread costs about what it saves, and on a loaded
 * machine a descheduled team member stalls the caller (measured on 2 cores under load: a
 * sigmoid on [64, 512] 14-18 us on one thread, 43 us on two).
 *
 * <p>oneDNN sizes its teams by the calling thread's OpenMP setting (a per-thread value of the
 * OpenMP runtime that ND4J loads and oneDNN shares), which the matrix products of the same
 * thread want at the core count; so the cap is set around each call and restored, and only
 * where the thread's setting is larger (threads already kept to one core cost nothing extra).
 *
 * <p>Only small calls get the cap ({@link #capped}): a call on a megabyte or more (the
 * log-softmax of a training batch's logits in chunks of [64, 8,000], the transposed copies of
 * the recurrent weights) splits well, and on one thread it left the other core idle (the
 * training loss ran at 1.08 cores, 12 ms a step on the 2-core {@code AMD EPYC}; 1.5 cores,
 * 9 ms, split).
 */
final class OpenMpTeam {
  private static final int LIMIT = Math.max(1, Integer.getInteger(ElementwiseThreads.PROPERTY, 1));
  private static final NativeOps OPS = load();

  private OpenMpTeam() {}

  private static NativeOps load() {
    // the holder only works once ND4J's backend is up (it reads the backend's properties)
    Nd4j.getBackend();
    return NativeOpsHolder.getInstance().getDeviceNativeOps();
  }

  /** System property: the size in bytes from which a call keeps the thread's full team. */
  static final String WIDE_BYTES_PROPERTY = "nmt4j.elementwise.wideBytes";

  /**
   * Calls whose first operand has at least this many bytes (1 MiB unless {@value
   * #WIDE_BYTES_PROPERTY} says otherwise) keep the calling thread's full team.
   */
  static final long WIDE_BYTES = Long.getLong(WIDE_BYTES_PROPERTY, 1L << 20);

  /** Whether a call whose first operand has {@code bytes} bytes gets the cap. */
  static boolean capped(long bytes) {
    return bytes < WIDE_BYTES;
  }

  /** Lowers the calling thread's team size to the limit; returns the size to restore, or 0. */
  static int enter() {
    int before = OPS.ompGetMaxThreads();
    if (before > LIMIT) {
      OPS.setOmpNumThreads(LIMIT);
      return before;
    }
    return 0;
  }

  /** Restores what {@link #enter()} returned. */
  static void exit(int before) {
    if (before > 0) {
      OPS.setOmpNumThreads(before);
    }
  }
}
