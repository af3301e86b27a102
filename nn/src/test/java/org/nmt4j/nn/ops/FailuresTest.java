package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void uncheckedFailuresPassAsTheyAreCheckedOnesWrappedAndNoneIsNothing() {
    Failures.rethrow(null);
    IllegalArgumentException bad = new IllegalArgumentException("bad row");
    assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Failures.rethrow(bad)));
    OutOfMemoryError oom = new OutOfMemoryError("native buffer");
    assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Failures.rethrow(oom)));
    IOException io = new IOException("disk");
    assertSame(io, assertThrows(IllegalStateException.class, () -> Failures.rethrow(io))
        .getCause());
  }
}
