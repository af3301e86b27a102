package org.nmt4j.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.Failures;
import org.nmt4j.nn.ops.Gemm;

/**
 * Loads ND4J (its backend found, its native library loaded) and the float product library on a
 * background thread, about 0.5 s of a cold JVM, while the caller does work that needs neither:
 * the command line parses its arguments, a model file its manifest, config, vocabularies and
 * merges. The caller touches no ND4J class before {@link #await()}, so two threads never
 * initialise ND4J's classes at the same time.
 *
 * <p>One load per process: {@link #start()} starts it once and returns the same handle after.
 * A failure on the background thread is thrown again by {@link #await()}, with its own message.
 */
public final class BackendPreload {
  private static BackendPreload current;

  private final Thread thread;
  private volatile Throwable failure;

  private BackendPreload() {
    thread = new Thread(this::load, "nmt4j-backend-preload");
    thread.setDaemon(true);
  }

  /**
   * Starts loading, once per process ({@link NativeRuntime#init()} first, whose settings must
   * come before the native libraries).
   *
   * @return the process's load, started now or earlier
   * @throws IllegalArgumentException as {@link NativeRuntime#init()}
   */
  public static synchronized BackendPreload start() {
    NativeRuntime.init();
    if (current == null) {
      current = new BackendPreload();
      current.thread.start();
    }
    return current;
  }

  private void load() {
    try {
      Nd4j.create(DataType.FLOAT, 1);
      Gemm.floatBackend();
    } catch (Throwable t) {
      failure = t;
    }
  }

  /**
   * Waits until ND4J and the product library are loaded.
   *
   * @throws Error or RuntimeException: what loading threw
   */
  public void await() {
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
    Failures.rethrow(failure);
  }
}
