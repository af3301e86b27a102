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
