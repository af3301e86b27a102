package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class NativeMallocTest {
  /**
   * With the thresholds fixed, a 2 MB block gets its own mapping even after an 8 MB mapped block
   * was freed (glibc's dynamic threshold would have risen to 8 MB and served it from the heap,
   * where its memory would stay resident after free), and a 64 KB block still comes from the
   * heap. Read from each block's own chunk header, not from process-wide counts, which other
   * threads of the test JVM move at the same time.
   */
  @Test
  void blocksOfAMegabyteAndMoreAreMappedEvenAfterALargerBlockWasFreed() {
    NativeRuntime.init();
    assumeTrue(NativeMalloc.apply() == NativeMalloc.Outcome.APPLIED,
        "glibc's malloc settings not applied here: " + NativeMalloc.apply());
    Pointer large = Pointer.malloc(8L << 20);
    assertTrue(ownMapping(large), "an 8 MB block has its own mapping");
    Pointer.free(large);
    Pointer block = Pointer.malloc(2L << 20);
    Pointer small = Pointer.malloc(64L << 10);
    try {
      assertTrue(ownMapping(block), "the 2 MB block has its own mapping");
      assertFalse(ownMapping(small), "the 64 KB block comes from the heap");
    } finally {
      Pointer.free(block);
      Pointer.free(small);
    }
    NativeMalloc.trim(); // returns whatever is free; must not disturb anything
  }

  @Test
  void theUsersMallocEnvironmentWins() {
    assertFalse(NativeMalloc.userSettings(Map.of("PATH", "/bin", "MALLOC_ARENA_MAX", "2")));
    assertTrue(NativeMalloc.userSettings(Map.of("MALLOC_MMAP_THRESHOLD_", "131072")));
    assertTrue(NativeMalloc.userSettings(Map.of("MALLOC_TRIM_THRESHOLD_", "0")));
    assertTrue(NativeMalloc.userSettings(
        Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=4096")));
    assertFalse(NativeMalloc.userSettings(Map.of("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2")));
  }

  @Test
  void aBadPropertyValueIsAClearError() {
    String old = System.getProperty(NativeMalloc.PROPERTY);
    try {
      System.setProperty(NativeMalloc.PROPERTY, "small");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          NativeMalloc::configured);
      assertEquals("-Dnmt4j.malloc must be compact or default, got 'small'", e.getMessage());
      System.setProperty(NativeMalloc.PROPERTY, "Default");
      assertFalse(NativeMalloc.configured());
      System.clearProperty(NativeMalloc.PROPERTY);
      assertTrue(NativeMalloc.configured());
    } finally {
      if (old == null) {
        System.clearProperty(NativeMalloc.PROPERTY);
      } else {
        System.setProperty(NativeMalloc.PROPERTY, old);
      }
    }
  }

  /**
   * Whether glibc gave the block its own mapping: bit 1 (IS_MMAPPED) of the chunk's size field,
   * the word just before the address malloc returned (glibc's chunk layout, unchanged since the
   * 1990s).
   */
  private static boolean ownMapping(Pointer block) {
    long size = new com.sun.jna.Pointer(block.address()).getLong(-Long.BYTES);
    return (size & 2) != 0;
  }
}
