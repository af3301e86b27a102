package org.nmt4j.decoder.search.impl;

/**
 * Logits changed for one row's token choice, with their old values, so that they can be put
 * back afterwards (the hypothesis's log-probability is read from the model's logits). Fixed
 * capacity, allocated once per decoding call.
 */
public final class SavedLogits {
  private final int[] index;
  private final float[] value;
  private int count;

  /** @param capacity the most changes between two {@link #restore} calls */
  public SavedLogits(int capacity) {
    index = new int[capacity];
    value = new float[capacity];
  }

  /**
   * @param at the index in the logits array
   * @param old the value before the change
   */
  public void save(int at, float old) {
    index[count] = at;
    value[count] = old;
    count++;
  }

  /**
   * Puts every saved value back, the newest first (so an entry changed twice gets its first
   * value), and forgets them.
   *
   * @param logits the array they were saved from
   */
  public void restore(float[] logits) {
    for (int i = count - 1; i >= 0; i--) {
      logits[index[i]] = value[i];
    }
    count = 0;
  }
}
