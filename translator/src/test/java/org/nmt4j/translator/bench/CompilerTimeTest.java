package org.nmt4j.translator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompilerTimeTest {
  @Test
  void countsTheCompilingOfAHotMethod() {
    long start = CompilerTime.millis();
    assertTrue(start >= 0, "HotSpot reports its compiling time");
    // a loop hot enough for the JIT compilers, on fresh code (a lambda of this test)
    long sum = 0;
    java.util.function.LongUnaryOperator f = x -> (x * 31) ^ (x >>> 3);
    long until = System.nanoTime() + 2_000_000_000L;
    for (long i = 0; CompilerTime.since(start) <= 0 && System.nanoTime() < until; i++) {
      sum += f.applyAsLong(i);
    }
    assertTrue(CompilerTime.since(start) > 0, "no compiling counted (" + sum + ")");
  }

  @Test
  void unknownStartGivesUnknown() {
    assertEquals(-1, CompilerTime.since(-1));
  }
}
