package org.nmt4j.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J (its backend found, its native library loaded: about 0.4 s of a cold JVM) on a
 * background thread while the main thread builds and parses the command line, so that a
 * one-off command such as {@code translate} of a file waits less before it starts.
 *
 * <p>The command runs only after {@link #await()}: the main thread touches no ND4J class
 * before, so the two threads never initialise ND4J's classes at the same time. A failure on the
 * background thread is thrown again by {@link #await()}, with its own message.
 */
final class BackendPreload {
  private final Thread thread;
  private volatile Throwable failure;

  private BackendPreload() {
    thread = new Thread(this::load, "nmt4j-backend-preload");
    thread.setDaemon(true);
  }

  /** Starts loading ND4J (after {@code NativeRuntime.init()}, whose settings must come first). */
  static BackendPreload start() {
    BackendPreload p = new BackendPreload();
    p.thread.start();
    return p;
  }

  private void load() {
    try {
      Nd4j.create(DataType.FLOAT, 1);
    } catch (Throwable t) {
      failure = t;
    }
  }

  /**
   * Waits until ND4J is loaded.
   *
   * @throws Error or RuntimeException: what loading threw
   */
  void await() {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure;
    if (t instanceof Error e) {
      throw e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }
}
