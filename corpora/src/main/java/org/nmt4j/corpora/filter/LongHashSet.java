package org.nmt4j.corpora.filter;

/**
 * A set of {@code long} values in one open-addressing array (linear probing, load at most 1/2),
 * about 16 bytes a value: what duplicate detection keeps per pair, so that 10 million pairs cost
 * about 160 MB at worst instead of the gigabytes of boxed keys. No removal. Not thread-safe.
 *
 * <p>Hand-written because the few lines it takes do not justify a primitive-collections library
 * of several megabytes; {@code LongHashSetTest} checks it against {@link java.util.HashSet}.
 */
public final class LongHashSet {

  private static final long EMPTY = 0L;

  private long[] table;
  private boolean hasZero;
  private int size;

  /** An empty set. */
  public LongHashSet() {
    table = new long[64];
  }

  /**
   * Adds a value.
   *
   * @return true if it was not there yet
   */
  public boolean add(long value) {
    if (value == EMPTY) {
      boolean added = !hasZero;
      hasZero = true;
      if (added) {
        size++;
      }
      return added;
    }
    if (2L * (size + 1) > table.length) {
      grow();
    }
    if (insert(table, value)) {
      size++;
      return true;
    }
    return false;
  }

  /** Whether the value is in the set. */
  public boolean contains(long value) {
    if (value == EMPTY) {
      return hasZero;
    }
    int mask = table.length - 1;
    for (int i = slot(value, mask); ; i = (i + 1) & mask) {
      long v = table[i];
      if (v == value) {
        return true;
      }
      if (v == EMPTY) {
        return false;
      }
    }
  }

  /** The number of values. */
  public int size() {
    return size;
  }

  private static boolean insert(long[] t, long value) {
    int mask = t.length - 1;
    for (int i = slot(value, mask); ; i = (i + 1) & mask) {
      long v = t[i];
      if (v == value) {
        return false;
      }
      if (v == EMPTY) {
        t[i] = value;
        return true;
      }
    }
  }

  private void grow() {
    if (table.length >= 1 << 30) {
      throw new IllegalStateException("set of more than 2^29 values");
    }
    long[] bigger = new long[table.length * 2];
    for (long v : table) {
      if (v != EMPTY) {
        insert(bigger, v);
      }
    }
    table = bigger;
  }

  private static int slot(long value, int mask) {
    long h = value * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
