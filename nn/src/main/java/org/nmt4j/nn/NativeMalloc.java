package org.nmt4j.nn;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;
import java.util.Map;

/**
 * glibc's {@code malloc} settings for nmt4j's native buffers, applied from inside the JVM with
 * {@code mallopt} (through JNA), so that an application embedding nmt4j gets them without any
 * {@code MALLOC_*} environment variable.
 *
 * <p>ND4J, oneDNN and nmt4j's growable workspaces allocate their buffers with {@code malloc}.
 * glibc serves a request of at least {@code M_MMAP_THRESHOLD} bytes with its own mapping, which
 * {@code free} returns to the system at once; smaller ones come from the heap and per-thread
 * arenas, whose freed memory stays resident unless it lies at the top of a heap. By default the
 * threshold is dynamic: each {@code free} of a mapped block raises it to that block's size (up
 * to 32 MB on 64-bit) and the trim threshold to twice that. After training's first steps free a
 * 20-30 MB buffer, every workspace, logits block and temporary up to that size comes from the
 * arenas, and a workspace that grows to a longer batch leaves its old buffer as a hole that
 * stays resident next to its replacement: on {@code bench train}, 100 MB of the peak.
 *
 * <p>{@link #apply()} fixes the two thresholds ({@code mallopt} turns the dynamic adjustment
 * off): blocks of {@value #MMAP_THRESHOLD} bytes and more get their own mapping, and free memory
 * above {@value #TRIM_THRESHOLD} bytes at the top of the main heap is returned. The mapping
 * threshold sits above the 600 KB packing buffer oneDNN's {@code sgemm} allocates and frees in
 * every product (a mapping each time would cost a page fault per 4 KB, a few percent of
 * training's CPU time) and below the activation and workspace buffers of a batch.
 *
 * <p>Measured on the 2-core {@code Intel(R) Xeon(R) Processor} (AVX-512, AMX) shared with other
 * builds (load average 5-10), peak RSS of {@code /usr/bin/time -f '%M' bin/nmt4j bench train
 * --steps 8 --warmup 2}: {@code -Dnmt4j.malloc=default} 1,054-1,080 MB, these thresholds 951-953
 * MB, with {@link #trim()} after each step (what training does) 925-931 MB; 128 KB thresholds
 * 933 MB but 1,700 extra mappings of oneDNN's packing buffer and more system time. Side by side
 * with main before this change ({@code /work/base}), alternating, two rounds: float32 1,037 and
 * 1,037 MB before, 938 and 948 MB after (the PyTorch peer: 1,038 and 1,035 MB), CPU seconds of
 * the timed steps 11.1, 11.2 before and 10.5, 10.8 after; {@code --precision bf16} 1,092 and
 * 1,084 MB before, 1,047 and 1,091 MB after. The weights trained are the same bytes: only where
 * freed memory goes changes.
 *
 * <p>Nothing is changed where the user chose malloc settings (any of {@code
 * MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_TOP_PAD_}, {@code
 * MALLOC_MMAP_MAX_} or a {@code glibc.malloc} tunable in {@code GLIBC_TUNABLES}), where the C
 * library is not glibc, where {@value #PROPERTY} is {@code default}, or where JNA cannot load.
 */
public final class NativeMalloc {
  /** The system property that chooses: {@code compact} (the default) or {@code default}. */
  public static final String PROPERTY = "nmt4j.malloc";
  /** Blocks of at least this many bytes get their own mapping (glibc starts at 128 KB). */
  static final int MMAP_THRESHOLD = 1 << 20;
  /** Free memory at the top of the main heap above this many bytes is returned. */
  static final int TRIM_THRESHOLD = 1 << 20;
  /** glibc's {@code mallopt} parameters (malloc.h). */
  static final int M_TRIM_THRESHOLD = -1;
  static final int M_MMAP_THRESHOLD = -3;

  private static final String[] USER_SETTINGS = {"MALLOC_MMAP_THRESHOLD_",
      "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"};

  /** What {@link #apply()} did, once it ran. */
  private static Outcome outcome;
  /** glibc's malloc_trim, once the thresholds are applied (null otherwise). */
  private static volatile Function malloc_trim;

  private NativeMalloc() {}

  /** What {@link #apply()} did. */
  public enum Outcome {
    /** The thresholds are fixed. */
    APPLIED,
    /** {@value #PROPERTY} is {@code default}. */
    TURNED_OFF,
    /** The environment sets malloc already; the user's choice stands. */
    USER_SETTINGS,
    /** Not glibc, or no way to call it (JNA did not load): nothing changed. */
    UNAVAILABLE
  }

  /**
   * Fixes glibc's mapping and trim thresholds unless the user chose otherwise; once per process
   * (later calls return the first call's outcome).
   *
   * @throws IllegalArgumentException when {@value #PROPERTY} is neither {@code compact} nor
   *     {@code default}
   */
  public static synchronized Outcome apply() {
    if (outcome == null) {
      outcome = settle();
    }
    return outcome;
  }

  private static Outcome settle() {
    if (!configured()) {
      return Outcome.TURNED_OFF;
    }
    if (userSettings(System.getenv())) {
      return Outcome.USER_SETTINGS;
    }
    Function mallopt = glibcFunction("mallopt");
    if (mallopt == null) {
      return Outcome.UNAVAILABLE;
    }
    // mallopt returns 1 on success; a refusal leaves that threshold at glibc's default
    boolean ok = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1
        & mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1;
    if (!ok) {
      return Outcome.UNAVAILABLE;
    }
    malloc_trim = glibcFunction("malloc_trim");
    return Outcome.APPLIED;
  }

  /**
   * Whether {@value #PROPERTY} asks for the compact settings ({@code compact} or unset).
   *
   * @throws IllegalArgumentException when it has another value than compact or default
   */
  public static boolean configured() {
    String value = System.getProperty(PROPERTY, "compact").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "compact" -> true;
      case "default" -> false;
      default -> throw new IllegalArgumentException("-D" + PROPERTY
          + " must be compact or default, got '" + System.getProperty(PROPERTY) + "'");
    };
  }

  /** Whether an environment sets any of glibc's malloc parameters. */
  static boolean userSettings(Map<String, String> environment) {
    for (String name : USER_SETTINGS) {
      if (environment.containsKey(name)) {
        return true;
      }
    }
    String tunables = environment.get("GLIBC_TUNABLES");
    return tunables != null && tunables.contains("glibc.malloc.");
  }

  /**
   * Returns the free memory inside all of malloc's heaps and arenas to the system ({@code
   * malloc_trim(0)}: whole free pages anywhere in them, not only at their tops), when {@link
   * #apply()} fixed the thresholds in this process; otherwise does nothing. Training calls it after
   * each step, when the step's temporaries are freed: about 1 ms, and 20 MB less at the next
   * step's peak on {@code bench train}.
   *
   * @return whether memory was returned
   */
  public static boolean trim() {
    Function trim = malloc_trim;
    return trim != null && trim.invokeInt(new Object[] {0}) == 1;
  }

  /**
   * A function of glibc's libc, or null where the C library is not glibc, JNA cannot load or
   * the function does not exist.
   */
  static Function glibcFunction(String name) {
    try {
      NativeLibrary libc = NativeLibrary.getInstance("c");
      // gnu_get_libc_version exists in glibc only: musl and others keep their own defaults
      libc.getFunction("gnu_get_libc_version");
      return libc.getFunction(name);
    } catch (LinkageError | RuntimeException e) {
      // no JNA on the class path, its native part cannot load, or no such function
      return null;
    }
  }
}
