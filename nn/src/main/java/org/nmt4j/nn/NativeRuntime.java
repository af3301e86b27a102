package org.nmt4j.nn;

import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.systems.global.linux;
import org.nmt4j.nn.ops.GemmLibrary;

/**
 * The process-wide native settings nmt4j runs fast with, applied from inside the JVM, so that a
 * program that only calls {@code Translator.load} from its own {@code main} gets the same speed
 * as the {@code nmt4j} launcher, with no environment variables, no preloaded library and no
 * system package.
 *
 * <p>{@link #init()} must run before ND4J loads its native library: the OpenMP runtime (the
 * {@code libgomp} that ND4J and oneDNN share) reads its settings from the environment once, when
 * it is loaded. nmt4j's entry points ({@code Translator.load}, the training run, the command
 * line) call it first; call it yourself first thing if your program uses ND4J before nmt4j.
 *
 * <p>What it sets, each only where the process environment does not already:
 *
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: between two products OpenMP's worker threads sleep
 *       instead of spinning, so the core is free for the work between products (the LSTM cell,
 *       the split elementwise halves, the JIT and GC). On the 2-core machine spinning workers
 *       cost about a fifth of decoding speed (README, "Speed settings").
 *   <li>{@code OMP_NUM_THREADS} = {@link Runtime#availableProcessors()}: OpenMP counts the CPUs it
 *       may run on, which ignores a container's CPU quota; the JVM's count honours it, and one
 *       product thread per usable core avoids oversubscription.
 *   <li>glibc's malloc thresholds, fixed with {@code mallopt} ({@link NativeMalloc}): native
 *       buffers of 1 MB and more get their own mappings and are returned to the system when
 *       freed, instead of staying resident in malloc's arenas; unless the environment sets
 *       {@code MALLOC_*} or {@code -Dnmt4j.malloc=default}. Unlike the OpenMP variables this works
 *       whenever it runs, also after ND4J has loaded.
 *   <li>compiler directives that keep HotSpot's C2 compiler off the glue between Java and the
 *       native libraries ({@link JitDirectives}), so that the first pass over a file does not
 *       share the cores with C2 for as long; unless {@code -Dnmt4j.jit.glue=c2}.
 * </ul>
 *
 * <p>It also checks the {@value GemmLibrary#PROPERTY}, {@value NativeMalloc#PROPERTY} and
 * {@value JitDirectives#PROPERTY} system properties so that a bad value is one clear error at
 * start-up rather than a failure deep inside the first product.
 */
public final class NativeRuntime {
  private static boolean applied;

  private NativeRuntime() {}

  /**
   * Applies the settings once per process (later calls only check {@value GemmLibrary#PROPERTY},
   * {@value NativeMalloc#PROPERTY} and {@value JitDirectives#PROPERTY}).
   *
   * @throws IllegalArgumentException when {@value GemmLibrary#PROPERTY} names no library,
   *     {@value NativeMalloc#PROPERTY} is neither compact nor default or {@value
   *     JitDirectives#PROPERTY} neither c1 nor c2
   */
  public static synchronized void init() {
    GemmLibrary.configured();
    NativeMalloc.configured();
    JitDirectives.configured();
    if (applied) {
      return;
    }
    JitDirectives.applyInBackground();
    if (isLinux()) {
      setIfUnset("OMP_WAIT_POLICY", "PASSIVE");
      setIfUnset("OMP_NUM_THREADS", Integer.toString(Runtime.getRuntime().availableProcessors()));
      NativeMalloc.apply();
    }
    applied = true;
  }

  /** Sets a variable of the native environment (what C's getenv sees) unless it is set. */
  private static void setIfUnset(String name, String value) {
    // overwrite = 0: a value the user chose (even an empty one) wins
    linux.setenv(name, value, 0);
  }

  /** The native environment's value of {@code name} (null when unset); for tests. */
  static String nativeEnv(String name) {
    try (BytePointer key = new BytePointer(name)) {
      BytePointer value = linux.getenv(key);
      return value == null || value.isNull() ? null : value.getString();
    }
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }
}
