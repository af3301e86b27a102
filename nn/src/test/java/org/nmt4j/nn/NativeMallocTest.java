package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.Structure;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class NativeMallocTest {
  /**
   * With the thresholds fixed, a 2 MB block gets its own mapping even after an 8 MB mapped block
   * was freed (glibc's dynamic threshold would have risen to 8 MB and served it from the heap,
   * where its memory would stay resident after free).
   */
  @Test
  void blocksOfAMegabyteAndMoreAreMappedEvenAfterALargerBlockWasFreed() {
    NativeRuntime.init();
    assumeTrue(NativeMalloc.apply() == NativeMalloc.Outcome.APPLIED,
        "glibc's malloc settings not applied here: " + NativeMalloc.apply());
    Function mallinfo2 = NativeMalloc.glibcFunction("mallinfo2");
    assumeTrue(mallinfo2 != null, "no mallinfo2 (glibc before 2.33)");

    Pointer large = Pointer.malloc(8L << 20);
    Pointer.free(large);
    long before = mapped(mallinfo2);
    Pointer block = Pointer.malloc(2L << 20);
    try {
      assertEquals(before + 1, mapped(mallinfo2), "the 2 MB block has its own mapping");
    } finally {
      Pointer.free(block);
    }
    assertEquals(before, mapped(mallinfo2), "free unmapped it");
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

  /** Blocks that have their own mapping now (mallinfo2's hblks). */
  private static long mapped(Function mallinfo2) {
    MallInfo2 info = (MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0]);
    return info.hblks;
  }

  /** glibc's struct mallinfo2 (ten size_t fields), returned by value. */
  public static final class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena;
    public long ordblks;
    public long smblks;
    public long hblks;
    public long hblkhd;
    public long usmblks;
    public long fsmblks;
    public long uordblks;
    public long fordblks;
    public long keepcost;

    @Override
    protected List<String> getFieldOrder() {
      return List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
          "uordblks", "fordblks", "keepcost");
    }
  }
}
