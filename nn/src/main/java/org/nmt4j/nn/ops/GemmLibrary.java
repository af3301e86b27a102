package org.nmt4j.nn.ops;

import java.util.Locale;

/**
 * The native library that float matrix products go to, chosen once per process with the system
 * property {@value #PROPERTY}. Double products always go to OpenBLAS.
 *
 * <p>Both libraries ship inside Maven jars (JavaCPP presets {@code org.bytedeco:dnnl} and
 * {@code org.bytedeco:openblas}), so no choice needs a system package.
 */
public enum GemmLibrary {
  /**
   * oneDNN's {@code dnnl_sgemm}: kernels generated at run time for the CPU found (AVX-512 where
   * present), threaded with the OpenMP runtime ND4J already loads. The default.
   */
  DNNL("oneDNN"),
  /** OpenBLAS's {@code cblas_sgemm} (the build ND4J itself links, with its own pthreads pool). */
  OPENBLAS("OpenBLAS");

  /** System property choosing the float product library: dnnl (default) or openblas. */
  public static final String PROPERTY = "nmt4j.gemm";

  private final String displayName;

  GemmLibrary(String displayName) {
    this.displayName = displayName;
  }

  /** The library's usual name, e.g. "oneDNN". */
  public String displayName() {
    return displayName;
  }

  /**
   * The library named by {@value #PROPERTY} ({@code dnnl} when unset; {@code auto} is accepted
   * as a synonym of the default).
   *
   * @throws IllegalArgumentException naming the property and its valid values when the value is
   *     none of them
   */
  public static GemmLibrary configured() {
    String value = System.getProperty(PROPERTY, "dnnl");
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "dnnl":
      case "onednn":
      case "auto":
        return DNNL;
      case "openblas":
        return OPENBLAS;
      default:
        throw new IllegalArgumentException(
            "-D" + PROPERTY + " must be dnnl or openblas, got '" + value + "'");
    }
  }
}
