package org.nmt4j.decoder.search.impl;

import java.util.Arrays;

/**
 * The n-grams each row of a batch has output so far, kept so that the tokens that would repeat
 * one can be banned at the next step ("no repeat n-gram").
 *
 * <p>Per row, an open-addressing hash table maps the 64-bit hash of an (n-1)-token prefix to a
 * chain of the output positions that followed that prefix. To ban, the row's last n-1 tokens are
 * hashed, looked up, and each position on the chain whose prefix really equals them (hash
 * collisions are checked against the output itself) bans the token at that position. Adding a
 * token inserts the one n-gram it completes. So each step costs O(n x occurrences of the
 * prefix), not O(V) nor O(output length).
 *
 * <p>All arrays are allocated once, sized by the rows' maximum lengths (a table of at least twice
 * as many slots as a row can hold n-grams, so probes stay short); nothing is allocated per step.
 * One instance belongs to one decoding call.
 */
public final class NgramBlocker {
  private static final int EMPTY = -1;

  private final int n;
  /** [rows] where each row's table starts in {@link #keys}/{@link #heads}. */
  private final int[] tableStart;
  /** [rows] table size - 1 (sizes are powers of two). */
  private final int[] tableMask;
  /** [rows] where each row's positions start in {@link #next}. */
  private final int[] positionStart;
  /** Prefix hash of each used slot. */
  private final long[] keys;
  /** Per slot: the newest position (global index) after that prefix, or EMPTY. */
  private final int[] heads;
  /** Per position (global index): the previous position after the same prefix hash, or EMPTY. */
  private final int[] next;

  /**
   * @param n the n-gram size, >= 1
   * @param maxLengths [rows] the most tokens each row may output
   */
  public NgramBlocker(int n, int[] maxLengths) {
    if (n < 1) {
      throw new IllegalArgumentException("n-gram size must be >= 1, got " + n);
    }
    this.n = n;
    int rows = maxLengths.length;
    tableStart = new int[rows];
    tableMask = new int[rows];
    positionStart = new int[rows];
    long slots = 0;
    long positions = 0;
    for (int r = 0; r < rows; r++) {
      int size = Integer.highestOneBit(Math.max(2, maxLengths[r]) * 2 - 1) << 1;
      tableStart[r] = (int) slots;
      tableMask[r] = size - 1;
      positionStart[r] = (int) positions;
      slots += size;
      positions += maxLengths[r];
    }
    if (slots > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many rows x tokens for the n-gram tables: " + slots);
    }
    keys = new long[(int) slots];
    heads = new int[(int) slots];
    Arrays.fill(heads, EMPTY);
    next = new int[(int) positions];
  }

  /**
   * Records the n-gram that a row's newest token completes, if the row has n tokens or more.
   *
   * @param row the row
   * @param output the row's output, {@code length} tokens long (the newest last)
   * @param length the row's length after the newest token
   */
  public void add(int row, int[] output, int length) {
    if (length < n) {
      return;
    }
    int last = length - 1;
    long key = hash(output, last - (n - 1), last);
    int slot = find(row, key);
    if (heads[slot] == EMPTY) {
      keys[slot] = key;
    }
    int global = positionStart[row] + last;
    next[global] = heads[slot];
    heads[slot] = global;
  }

  /**
   * Sets to minus infinity the logits of every token that would complete an n-gram already in
   * the row's output, saving each logit first.
   *
   * @param row the row
   * @param output the row's output
   * @param length the row's current length
   * @param logits row-major logits
   * @param offset where the row starts in {@code logits}
   * @param max the row's largest logit now
   * @param saved where the old logits go
   * @return whether the row's largest logit may have been banned (then the caller recomputes it)
   */
  public boolean ban(int row, int[] output, int length, float[] logits, int offset, float max,
      SavedLogits saved) {
    if (length < n - 1) {
      return false;
    }
    int from = length - (n - 1);
    long key = hash(output, from, length);
    int slot = find(row, key);
    boolean hitMax = false;
    int base = positionStart[row];
    for (int g = heads[slot]; g != EMPTY; g = next[g]) {
      int position = g - base;
      if (samePrefix(output, position - (n - 1), from)) {
        int token = output[position];
        float old = logits[offset + token];
        if (old != Float.NEGATIVE_INFINITY) {
          saved.save(offset + token, old);
          logits[offset + token] = Float.NEGATIVE_INFINITY;
          hitMax |= old == max;
        }
      }
    }
    return hitMax;
  }

  /** Whether the n-1 tokens at {@code a} equal those at {@code b}. */
  private boolean samePrefix(int[] output, int a, int b) {
    for (int i = 0; i < n - 1; i++) {
      if (output[a + i] != output[b + i]) {
        return false;
      }
    }
    return true;
  }

  /** The slot holding {@code key} in the row's table, or the empty slot where it would go. */
  private int find(int row, long key) {
    int start = tableStart[row];
    int mask = tableMask[row];
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (heads[start + i] != EMPTY && keys[start + i] != key) {
      i = (i + 1) & mask;
    }
    return start + i;
  }

  /** A 64-bit hash of output[from, to) (an empty range hashes to a constant). */
  private static long hash(int[] output, int from, int to) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      h = (h ^ output[i]) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 29;
    }
    return h;
  }
}
