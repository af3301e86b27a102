package org.nmt4j.translator.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The time the JVM's just-in-time compilers have spent compiling, summed over their threads
 * ({@link CompilationMXBean#getTotalCompilationTime}).
 *
 * <p>Why: on a machine with two cores, HotSpot's compiler threads run beside the work they
 * compile for several seconds after start-up (C2 takes tens of milliseconds per hot method), so
 * a benchmark's first pass shares the cores with them. The benchmarks report how much compiling
 * fell inside their timed window, so that a first pass slower than the steady state can be told
 * apart from a slower build.
 */
public final class CompilerTime {
  private CompilerTime() {}

  /** Milliseconds of compiling so far, or -1 where the JVM does not tell. */
  public static long millis() {
    CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    if (c == null || !c.isCompilationTimeMonitoringSupported()) {
      return -1;
    }
    return c.getTotalCompilationTime();
  }

  /** Milliseconds of compiling since {@code start} (a {@link #millis} value), or -1 if unknown. */
  public static long since(long start) {
    long now = millis();
    return start < 0 || now < 0 ? -1 : now - start;
  }
}
