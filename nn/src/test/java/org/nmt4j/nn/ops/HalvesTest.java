package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class HalvesTest {
  private static final boolean SEVERAL_CORES = Runtime.getRuntime().availableProcessors() > 1;

  @Test
  void bothHalvesRunOnceOnTwoThreadsWhenSplit() {
    int[] runs = new int[2];
    Thread caller = Thread.currentThread();
    Set<Thread> helpers = ConcurrentHashMap.newKeySet();
    for (int call = 0; call < 200; call++) {
      Halves.run(true, half -> {
        if (half == 0) {
          assertEquals(caller, Thread.currentThread());
        } else {
          helpers.add(Thread.currentThread());
        }
        runs[half]++;
      });
    }
    assertArrayEquals(new int[] {200, 200}, runs);
    // half 1 runs on a pooled helper (another thread) wherever there is a second core
    assertEquals(SEVERAL_CORES, !helpers.contains(caller));
    assertFalse(helpers.isEmpty());
  }

  @Test
  void unsplitWorkStaysOnTheCallingThreadInOrder() {
    List<Integer> order = new ArrayList<>();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Halves.run(false, half -> {
      threads.add(Thread.currentThread());
      order.add(half);
    });
    assertEquals(List.of(0, 1), order);
    assertEquals(Set.of(Thread.currentThread()), threads);
  }

  @Test
  void theHelpersWritesAreVisibleToTheCaller() {
    int n = 1 << 16;
    for (int call = 0; call < 20; call++) {
      int[] data = new int[n];
      int stamp = call + 1;
      Halves.run(true, half -> {
        for (int i = half * n / 2; i < (half + 1) * n / 2; i++) {
          data[i] = stamp * i;
        }
      });
      for (int i = 0; i < n; i++) {
        if (data[i] != stamp * i) {
          throw new AssertionError("call " + call + ": element " + i + " is " + data[i]);
        }
      }
    }
  }

  @Test
  void aFailureInEitherHalfReachesTheCallerAndTheHelperStaysUsable() {
    for (int failing = 0; failing < 2; failing++) {
      int f = failing;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Halves.run(true, half -> {
            if (half == f) {
              throw new IllegalArgumentException("half " + f);
            }
          }));
      assertEquals("half " + f, e.getMessage());
    }
    int[] runs = new int[2];
    Halves.run(true, half -> runs[half]++);
    assertArrayEquals(new int[] {1, 1}, runs);
  }

  @Test
  void manyThreadsMaySplitAtOnce() throws Exception {
    int threads = 6;
    long[] sums = new long[threads];
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        long[] parts = new long[2];
        for (int call = 0; call < 300; call++) {
          Halves.run(true, half -> parts[half] += half + 1);
        }
        sums[id] = parts[0] + parts[1];
      });
      th.start();
      started.add(th);
    }
    for (Thread th : started) {
      th.join();
    }
    for (long s : sums) {
      assertEquals(900, s);
    }
  }

  @Test
  void smallWorkIsNotWorthSplitting() {
    assertFalse(Halves.worthIt(100));
    assertEquals(SEVERAL_CORES, Halves.worthIt(Halves.MIN_ELEMENTS));
  }
}
