package org.nmt4j.decoder.search.impl;

import java.util.Arrays;
import org.nmt4j.decoder.search.SamplingConfig;

/**
 * Draws one token from a row of logits with temperature, top-k and top-p (nucleus) truncation.
 *
 * <p>Order of operations (as in common practice): divide by the temperature, keep the top-k
 * tokens, renormalise, keep the smallest prefix of the remaining tokens sorted by probability
 * (ties: lower id first) whose mass reaches top-p, renormalise, draw. {@link #prepare} exposes
 * the truncated distribution so that tests can check it exactly.
 *
 * <p>Owns work arrays of vocabulary size: one instance per decoding call, never shared. No
 * allocation after construction.
 */
public final class TokenSampler {
  /**
   * Without top-k, top-p first looks only at tokens whose weight is at least this fraction of the
   * top token's: when they already hold the nucleus mass (the usual case for a trained model)
   * only they are sorted, not the whole vocabulary.
   */
  private static final float PREFILTER = 1e-4f;

  private final int vocabularySize;
  private final float inverseTemperature;
  private final int topK;
  private final double topP;
  private final int[] candidates;
  private final float[] weights;
  private final long[] keys;
  private final long[] heap;
  private int count;
  private double mass;

  /**
   * @param vocabularySize V, the width of a logits row
   * @param config temperature, top-k, top-p (the seed is not used here)
   */
  public TokenSampler(int vocabularySize, SamplingConfig config) {
    this.vocabularySize = vocabularySize;
    this.inverseTemperature = (float) (1.0 / config.temperature());
    this.topK = config.topK();
    this.topP = config.topP();
    this.candidates = new int[vocabularySize];
    this.weights = new float[vocabularySize];
    this.keys = new long[vocabularySize];
    this.heap = new long[Math.min(Math.max(topK, 1), vocabularySize)];
  }

  /**
   * Prepares a row and draws from it.
   *
   * @param logits row-major logits
   * @param offset start of the row
   * @param max the row's largest logit
   * @param banned a token that may not be drawn, or -1
   * @param uniform a uniform random number in [0, 1)
   * @return the drawn token id
   */
  public int sample(float[] logits, int offset, float max, int banned, double uniform) {
    prepare(logits, offset, max, banned);
    return draw(uniform);
  }

  /**
   * Computes the truncated, unnormalised distribution of a row: afterwards {@link #count()}
   * tokens {@link #candidate(int)} have positive or zero weights {@link #weight(int)} summing to
   * {@link #mass()}.
   *
   * @param logits row-major logits
   * @param offset start of the row
   * @param max the row's largest logit
   * @param banned a token that may not be drawn, or -1
   * @return the number of candidate tokens
   */
  public int prepare(float[] logits, int offset, float max, int banned) {
    int v = vocabularySize;
    float top = max;
    if (banned >= 0 && logits[offset + banned] == max) {
      top = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < v; i++) {
        if (i != banned) {
          top = Math.max(top, logits[offset + i]);
        }
      }
    }
    int allowed = banned >= 0 ? v - 1 : v;
    boolean sorted;
    int n;
    if (topK > 0 && topK < allowed) {
      n = selectTopK(logits, offset, banned);
      sorted = true;
    } else {
      n = 0;
      for (int i = 0; i < v; i++) {
        if (i != banned) {
          candidates[n++] = i;
        }
      }
      sorted = false;
    }
    double total = 0;
    for (int j = 0; j < n; j++) {
      float w = FastExp.exp((logits[offset + candidates[j]] - top) * inverseTemperature);
      weights[j] = w;
      total += w;
    }
    if (topP < 1) {
      double target = topP * total;
      if (!sorted) {
        n = sortForNucleus(logits, offset, n, target, top);
      }
      double cumulative = 0;
      int j = 0;
      while (j < n) {
        cumulative += weights[j++];
        if (cumulative >= target) {
          break;
        }
      }
      n = j;
      total = cumulative;
    }
    count = n;
    mass = total;
    return n;
  }

  /**
   * Draws from the distribution of the last {@link #prepare} call.
   *
   * @param uniform a uniform random number in [0, 1)
   * @return the drawn token id (never one of weight 0)
   */
  public int draw(double uniform) {
    double target = uniform * mass;
    double cumulative = 0;
    int last = candidates[0];
    for (int j = 0; j < count; j++) {
      if (weights[j] > 0) {
        cumulative += weights[j];
        last = candidates[j];
        if (target < cumulative) {
          return last;
        }
      }
    }
    // rounding left target at or just above the final sum
    return last;
  }

  /** @return the number of candidates of the last {@link #prepare} */
  public int count() {
    return count;
  }

  /**
   * @param j candidate index, below {@link #count()}
   * @return its token id
   */
  public int candidate(int j) {
    return candidates[j];
  }

  /**
   * @param j candidate index, below {@link #count()}
   * @return its unnormalised probability
   */
  public double weight(int j) {
    return weights[j];
  }

  /** @return the sum of the candidates' weights */
  public double mass() {
    return mass;
  }

  /** Top-k by a bounded max-heap of sort keys; leaves the k best candidates sorted best first. */
  private int selectTopK(float[] logits, int offset, int banned) {
    int size = 0;
    for (int i = 0; i < vocabularySize; i++) {
      if (i == banned) {
        continue;
      }
      long key = key(logits[offset + i], i);
      if (size < topK) {
        int c = size++;
        while (c > 0) {
          int parent = (c - 1) >>> 1;
          if (heap[parent] >= key) {
            break;
          }
          heap[c] = heap[parent];
          c = parent;
        }
        heap[c] = key;
      } else if (key < heap[0]) {
        siftDown(key, size);
      }
    }
    Arrays.sort(heap, 0, size);
    for (int j = 0; j < size; j++) {
      candidates[j] = (int) heap[j];
    }
    return size;
  }

  private void siftDown(long key, int size) {
    int c = 0;
    while (true) {
      int child = 2 * c + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] > heap[child]) {
        child++;
      }
      if (heap[child] <= key) {
        break;
      }
      heap[c] = heap[child];
      c = child;
    }
    heap[c] = key;
  }

  /**
   * Sorts the candidates best first, rewriting candidates and weights, looking only at the
   * heavy ones when they alone hold the nucleus.
   */
  private int sortForNucleus(float[] logits, int offset, int n, double target, float top) {
    int m = 0;
    double heavy = 0;
    for (int j = 0; j < n; j++) {
      if (weights[j] >= PREFILTER) {
        keys[m++] = key(logits[offset + candidates[j]], candidates[j]);
        heavy += weights[j];
      }
    }
    if (heavy < target) {
      m = 0;
      for (int j = 0; j < n; j++) {
        keys[m++] = key(logits[offset + candidates[j]], candidates[j]);
      }
    }
    Arrays.sort(keys, 0, m);
    for (int j = 0; j < m; j++) {
      int token = (int) keys[j];
      candidates[j] = token;
      weights[j] = FastExp.exp((logits[offset + token] - top) * inverseTemperature);
    }
    return m;
  }

  /**
   * A long whose ascending order is: logit descending, then token id ascending.
   *
   * @param logit the token's logit
   * @param token the token id (non-negative)
   * @return the sort key
   */
  static long key(float logit, int token) {
    int bits = Float.floatToIntBits(logit);
    int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
    return ((long) ~ordered << 32) | token;
  }
}
