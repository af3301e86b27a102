package org.nmt4j.translator.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.systems.global.linux;
import org.bytedeco.systems.linux.timespec;

/**
 * The CPU time of the whole process (every thread, the native libraries' product threads
 * included), to the nanosecond on Linux ({@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}).
 *
 * <p>Why: on a machine shared with other work the wall time of a product depends on how much of
 * the cores the process got; its CPU time hardly does. Operations per CPU-second compare a
 * library's speed at two shapes (or a training step with the library's peak) independently of
 * the load. The JVM's own figure ({@code getProcessCpuTime}) counts in 10 ms ticks here, too
 * coarse for one product.
 */
final class ProcessCpu {
  private static final boolean LINUX =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

  private ProcessCpu() {}

  /** CPU nanoseconds of this process so far, or -1 where unknown. */
  static long nanos() {
    if (LINUX) {
      try (timespec t = new timespec()) {
        if (linux.clock_gettime(linux.CLOCK_PROCESS_CPUTIME_ID, t) == 0) {
          return t.tv_sec() * 1_000_000_000L + t.tv_nsec();
        }
      } catch (LinkageError e) {
        // no native build of the systems preset here: the JVM's coarser figure
      }
    }
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
