package org.nmt4j.decoder.search;

import java.util.List;
import org.nmt4j.decoder.search.impl.RowMath;

/**
 * Several models decoded as one: each step feeds every member the same previous tokens and
 * gives the mean of the members' log-probabilities, {@code (1/K) sum_k log softmax(z_k)}, as the
 * next-token logits (a log-linear ensemble, as Marian and OpenNMT-py combine models). The
 * strategy's own softmax of these logits renormalises the members' geometric mean.
 *
 * <p>All members must share the target vocabulary and hold the same rows; {@link #retainRows}
 * compacts them all. Memory: one [rows, V] float buffer for the member being read.
 */
public final class EnsembleStepDecoder implements StepDecoder {
  private final StepDecoder[] members;
  private final int vocabularySize;
  private float[] memberLogits = new float[0];

  /**
   * @param members at least two freshly started decoders with the same rows and vocabulary size
   */
  public EnsembleStepDecoder(List<StepDecoder> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException("an ensemble needs at least 2 models, got "
          + members.size());
    }
    this.members = members.toArray(StepDecoder[]::new);
    this.vocabularySize = this.members[0].vocabularySize();
    for (int k = 1; k < this.members.length; k++) {
      if (this.members[k].vocabularySize() != vocabularySize
          || this.members[k].rows() != this.members[0].rows()) {
        throw new IllegalArgumentException("ensemble member " + (k + 1) + " has "
            + this.members[k].rows() + " rows and " + this.members[k].vocabularySize()
            + " target ids, member 1 " + this.members[0].rows() + " and " + vocabularySize);
      }
    }
  }

  @Override
  public int rows() {
    return members[0].rows();
  }

  @Override
  public int vocabularySize() {
    return vocabularySize;
  }

  /** Writes the mean log-probabilities [rows(), V] into {@code logits}. */
  @Override
  public void step(int[] previousTokens, float[] logits) {
    int rows = rows();
    int v = vocabularySize;
    int n = rows * v;
    if (memberLogits.length < n) {
      memberLogits = new float[n];
    }
    float weight = 1f / members.length;
    for (int k = 0; k < members.length; k++) {
      members[k].step(previousTokens, memberLogits);
      for (int r = 0; r < rows; r++) {
        int off = r * v;
        float logZ = (float) RowMath.logSumExp(memberLogits, off, v,
            RowMath.max(memberLogits, off, v));
        if (k == 0) {
          for (int i = off; i < off + v; i++) {
            logits[i] = weight * (memberLogits[i] - logZ);
          }
        } else {
          for (int i = off; i < off + v; i++) {
            logits[i] += weight * (memberLogits[i] - logZ);
          }
        }
      }
    }
  }

  @Override
  public void retainRows(int[] keep, int count) {
    for (StepDecoder member : members) {
      member.retainRows(keep, count);
    }
  }
}
