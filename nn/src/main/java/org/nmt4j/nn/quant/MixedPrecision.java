package org.nmt4j.nn.quant;

/**
 * Whether this process runs large float products of activations in bf16 ({@link
 * Bf16Products}), as bf16 training does: off by default. Products whose right operand is a
 * registered weight ({@link Bf16Weights}) run in bf16 whatever this says.
 *
 * <p>Process-wide, like the choice of product library: every model trained or run in this
 * process while it is on is affected (results change by bf16 rounding, never more).
 */
public final class MixedPrecision {
  private static volatile boolean bf16;

  private MixedPrecision() {}

  /**
   * Turns bf16 products of activations on or off.
   *
   * @throws IllegalStateException turning it on where bf16 cannot run in hardware (see {@link
   *     DnnlBf16#requireAvailable})
   */
  public static void setBf16(boolean on) {
    if (on) {
      DnnlBf16.requireAvailable();
    }
    bf16 = on;
  }

  /** Whether large products of activations run in bf16. */
  public static boolean bf16() {
    return bf16;
  }
}
