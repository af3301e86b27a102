package org.nmt4j.corpora.read;

import java.io.Closeable;
import java.io.IOException;

/** Closing inputs that were only read. */
final class Closeables {

  private Closeables() {}

  /** Closes {@code c} (if not null), ignoring errors: nothing read can be lost by closing. */
  static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // the input was only read, so a failure to close loses nothing
    }
  }
}
