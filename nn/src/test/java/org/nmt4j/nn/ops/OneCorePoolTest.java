package org.nmt4j.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class OneCorePoolTest {
  @Test
  void everyTaskRunsOnceOnAMarkedThreadThatDoesNotSplit() {
    int tasks = 100;
    AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
    AtomicIntegerArray marked = new AtomicIntegerArray(tasks);
    OneCorePool.run(tasks, 3, i -> {
      runs.incrementAndGet(i);
      if (OneCore.isCurrentThread() && !Halves.worthIt(1L << 30)
          && Thread.currentThread().getName().equals("nmt4j-one-core")) {
        marked.incrementAndGet(i);
      }
      // halves asked to split run here, on this thread
      Thread self = Thread.currentThread();
      Thread[] ran = new Thread[2];
      Halves.run(true, half -> ran[half] = Thread.currentThread());
      assertSame(self, ran[0]);
      assertSame(self, ran[1]);
    });
    for (int i = 0; i < tasks; i++) {
      assertEquals(1, runs.get(i), "task " + i);
      assertEquals(1, marked.get(i), "task " + i + " not on a marked one-core thread");
    }
    assertFalse(OneCore.isCurrentThread(), "the caller is not marked");
  }

  @Test
  void theCallersProductThreadsAreWhatTheyWereBefore() {
    int before = OneCore.openMpThreadsOfCurrentThread();
    int blasBefore = Blas.threads();
    OneCorePool.run(6, 2, i -> {
      // on a worker: one OpenMP thread where a runtime is loaded
      int threads = OneCore.openMpThreadsOfCurrentThread();
      assertTrue(threads == -1 || threads == 1, "worker has " + threads + " OpenMP threads");
    });
    assertEquals(before, OneCore.openMpThreadsOfCurrentThread());
    assertEquals(blasBefore, Blas.threads());
  }

  @Test
  void oneWorkerRunsTheTasksInOrderOnTheCallingThread() {
    List<Integer> order = new ArrayList<>();
    Thread caller = Thread.currentThread();
    OneCorePool.run(5, 1, i -> {
      assertSame(caller, Thread.currentThread());
      order.add(i);
    });
    assertEquals(List.of(0, 1, 2, 3, 4), order);
  }

  @Test
  void aFailureIsRethrownAfterTheOtherWorkersEnd() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> OneCorePool.run(50, 2, i -> {
          if (i == 7) {
            throw new IllegalStateException("task 7 failed");
          }
        }));
    assertEquals("task 7 failed", e.getMessage());
    // the pool still works afterwards, and the product thread count is restored
    int before = Blas.threads();
    AtomicIntegerArray runs = new AtomicIntegerArray(4);
    OneCorePool.run(4, 2, runs::incrementAndGet);
    for (int i = 0; i < 4; i++) {
      assertEquals(1, runs.get(i));
    }
    assertEquals(before, Blas.threads());
  }

  @Test
  void workersMustBePositive() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> OneCorePool.run(3, 0, i -> { }))
        .getMessage().contains("workers"));
  }
}
