package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class NativeMallocTest {
  /**
   * With the thresholds fixed, 2 MB blocks get their own mappings even after an 8 MB mapped block
   * was freed (glibc's dynamic threshold would have risen to 8 MB and served them from the heap,
   * where their memory would stay resident after free), and a 64 KB block still comes from the
   * heap. glibc maps a block only when no free chunk of the heap can hold it, and the test JVM's
   * other threads leave such chunks behind, so 2 MB blocks are taken (and held) until one needs
   * new memory: that one must be mapped (and 8 MB blocks until one is mapped, for the block freed
   * first). Read from each block's own chunk header, not from process-wide counts, which those
   * threads move at the same time.
   */
  @Test
  void blocksOfAMegabyteAndMoreAreMappedEvenAfterALargerBlockWasFreed() {
    NativeRuntime.init();
    assumeTrue(NativeMalloc.apply() == NativeMalloc.Outcome.APPLIED,
        "glibc's malloc settings not applied here: " + NativeMalloc.apply());
    List<Pointer> blocks = new ArrayList<>();
    Pointer small = Pointer.malloc(64L << 10);
    try {
      // a mapped 8 MB block, freed: glibc's dynamic threshold would rise to 8 MB here (blocks of
      // 8 MB that free chunks of the heap could hold are kept until then)
      Pointer large = null;
      for (int i = 0; i < 16 && large == null; i++) {
        Pointer block = Pointer.malloc(8L << 20);
        if (ownMapping(block)) {
          large = block;
        } else {
          blocks.add(block);
        }
      }
      assertTrue(large != null, "none of 16 blocks of 8 MB has its own mapping");
      Pointer.free(large);
      assertFalse(ownMapping(small), "the 64 KB block comes from the heap");
      boolean mapped = false;
      int tried = 0;
      while (tried < 64 && !mapped) {
        Pointer block = Pointer.malloc(2L << 20);
        blocks.add(block);
        mapped = ownMapping(block);
        tried++;
      }
      assertTrue(mapped, "none of " + tried + " blocks of 2 MB has its own mapping");
    } finally {
      blocks.forEach(Pointer::free);
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
