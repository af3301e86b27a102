package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlasTest {
  @Test
  void oneThreadSectionsLimitTheCallingThreadsTeamsAndRestoreThem() {
    int before = Blas.openMpThreads();
    AtomicInteger inside = new AtomicInteger();
    Blas.onOneThread(() -> inside.set(Blas.openMpThreads()));
    assertEquals(1, inside.get());
    assertEquals(before, Blas.openMpThreads());
    assertThrows(IllegalStateException.class, () -> Blas.onOneThread(() -> {
      throw new IllegalStateException("fails inside");
    }));
    assertEquals(before, Blas.openMpThreads());
  }

  @Test
  void singleThreadedSectionsNestAndRestoreOpenBlasThreads() {
    int before = Blas.threads();
    Blas.enterSingleThreaded();
    Blas.enterSingleThreaded();
    assertEquals(1, Blas.threads());
    Blas.exitSingleThreaded();
    assertEquals(1, Blas.threads());
    Blas.exitSingleThreaded();
    assertEquals(before, Blas.threads());
    assertThrows(IllegalStateException.class, Blas::exitSingleThreaded);
  }

  @Test
  void chosenThreadCountsHoldInsideAndAreRestored() {
    int openMpBefore = Blas.openMpThreads();
    int openBlasBefore = Blas.threads();
    AtomicInteger openMp = new AtomicInteger();
    AtomicInteger openBlas = new AtomicInteger();
    Blas.withThreads(1, () -> {
      openMp.set(Blas.openMpThreads());
      openBlas.set(Blas.threads());
    });
    assertEquals(1, openMp.get());
    assertEquals(1, openBlas.get());
    assertEquals(openMpBefore, Blas.openMpThreads());
    assertEquals(openBlasBefore, Blas.threads());
    assertThrows(IllegalArgumentException.class, () -> Blas.withThreads(0, () -> { }));
  }

  @Test
  void openBlasIsCalledDirectlyAndOnlyWhenTheCountChanges() {
    assertTrue(Blas.OpenBlasThreads.direct(), "openblas_set_num_threads not found");
    Blas.withThreads(2, () -> {
      long before = Blas.OpenBlasThreads.calls();
      Blas.enterSingleThreaded(); // 2 -> 1: one call
      Blas.enterSingleThreaded(); // nested: none
      Blas.exitSingleThreaded();
      Blas.exitSingleThreaded(); // 1 -> 2: one call
      assertEquals(before + 2, Blas.OpenBlasThreads.calls());
      Blas.withThreads(1, () -> {
        long inside = Blas.OpenBlasThreads.calls();
        Blas.enterSingleThreaded(); // already 1: none
        assertEquals(1, Blas.threads());
        Blas.exitSingleThreaded();
        assertEquals(inside, Blas.OpenBlasThreads.calls());
      });
      assertEquals(2, Blas.threads());
    });
  }
}
