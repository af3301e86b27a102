package org.nmt4j.decoder.search;

import java.util.Random;

/**
 * A deterministic stand-in for a neural decoder: each row has its own state (a bias vector and a
 * step counter), its logits depend on the previous token, the row and the step, and the end
 * token becomes likely at a row-specific step. Checks the contract's rules as it goes.
 */
final class FakeStepDecoder implements StepDecoder {
  /** The start id these tests use (nmt4j's {@code <s>}). */
  static final int START = 2;
  /** The end id these tests use (nmt4j's {@code </s>}). */
  static final int END = 3;

  final int vocab;
  private final float[][] transition; // [V][V] logits by previous token
  private int[] rowIds;               // live row -> original row
  private int[] steps;                // per live row
  private final float[][] rowBias;    // by original row
  private final int[] endAt;          // by original row
  private int live;
  int stepCalls;
  int retainCalls;
  long rowSteps;

  FakeStepDecoder(int vocab, int rows, long seed, int[] endAt) {
    this.vocab = vocab;
    Random random = new Random(seed);
    transition = new float[vocab][vocab];
    for (float[] row : transition) {
      for (int v = 0; v < vocab; v++) {
        row[v] = (float) (random.nextGaussian() * 2);
      }
      row[FakeStepDecoder.END] -= 3; // the end token is rare unless forced
    }
    rowBias = new float[rows][vocab];
    for (float[] b : rowBias) {
      for (int v = 0; v < vocab; v++) {
        b[v] = (float) random.nextGaussian();
      }
    }
    this.endAt = endAt.clone();
    rowIds = new int[rows];
    steps = new int[rows];
    for (int i = 0; i < rows; i++) {
      rowIds[i] = i;
    }
    live = rows;
  }

  /** The same decoder restricted to some original rows, in the given order. */
  FakeStepDecoder subset(int... rows) {
    int[] ends = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ends[i] = endAt[rows[i]];
    }
    FakeStepDecoder d = new FakeStepDecoder(vocab, rows.length, 0, ends);
    for (int i = 0; i < vocab; i++) {
      System.arraycopy(transition[i], 0, d.transition[i], 0, vocab);
    }
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rowBias[rows[i]], 0, d.rowBias[i], 0, vocab);
    }
    return d;
  }

  /** The logits row r would get after previous token p at step t (no state). */
  float logit(int originalRow, int previous, int step, int token) {
    float x = transition[previous][token] + rowBias[originalRow][token];
    if (token == FakeStepDecoder.END && step >= endAt[originalRow]) {
      x += 20;
    }
    return x;
  }

  @Override
  public int rows() {
    return live;
  }

  @Override
  public int vocabularySize() {
    return vocab;
  }

  @Override
  public void step(int[] previousTokens, float[] logits) {
    stepCalls++;
    for (int r = 0; r < live; r++) {
      int p = previousTokens[r];
      if (steps[r] == 0 && p != FakeStepDecoder.START) {
        throw new AssertionError("first token must be <s>, got " + p);
      }
      if (steps[r] > 0 && p == FakeStepDecoder.END) {
        throw new AssertionError("a finished row was stepped");
      }
      for (int v = 0; v < vocab; v++) {
        logits[r * vocab + v] = logit(rowIds[r], p, steps[r], v);
      }
      steps[r]++;
      rowSteps++;
    }
  }

  @Override
  public void retainRows(int[] keep, int count) {
    retainCalls++;
    if (count < 1 || count > live) {
      throw new AssertionError("bad count " + count);
    }
    for (int i = 0; i < count; i++) {
      if (i > 0 && keep[i] <= keep[i - 1]) {
        throw new AssertionError("keep not increasing");
      }
      rowIds[i] = rowIds[keep[i]];
      steps[i] = steps[keep[i]];
    }
    live = count;
  }
}
