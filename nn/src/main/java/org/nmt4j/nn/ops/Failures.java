package org.nmt4j.nn.ops;

/**
 * Passes on, on the calling thread, a failure that happened on a helper thread (side-by-side
 * work, a background load), so that the caller sees the same exception and message.
 */
public final class Failures {
  private Failures() {}

  /**
   * Throws {@code failure} as it is when it is unchecked, wrapped in an {@link
   * IllegalStateException} when it is checked; returns when it is null.
   *
   * @param failure what the helper threw, or null
   */
  public static void rethrow(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }
}
