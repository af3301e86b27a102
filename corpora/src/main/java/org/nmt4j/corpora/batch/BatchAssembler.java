package org.nmt4j.corpora.batch;

import org.nmt4j.tokenization.Vocabulary;

/**
 * Pads a planned set of pairs into a {@link Batch}, placing the special tokens as {@link Batch}
 * documents.
 */
final class BatchAssembler {

  // the fixed special ids of Vocabulary (see Batch): pad 0, <s> 2, </s> 3
  static final int PAD = Vocabulary.PAD;
  static final int BOS = Vocabulary.BOS;
  static final int EOS = Vocabulary.EOS;

  private BatchAssembler() {}

  /**
   * @param pool the pairs
   * @param members positions in {@code pool} of the batch's rows, in row order
   * @param withTarget false for a source-only batch (targets {@code [batch, 0]})
   */
  static Batch assemble(EncodedPair[] pool, int[] members, boolean withTarget) {
    int n = members.length;
    int sourceWidth = 0;
    int targetWidth = 0;
    for (int m : members) {
      sourceWidth = Math.max(sourceWidth, pool[m].source().length + 1);
      if (withTarget) {
        targetWidth = Math.max(targetWidth, pool[m].target().length + 1);
      }
    }
    int[][] source = new int[n][sourceWidth];
    int[] sourceLengths = new int[n];
    int[][] targetInput = new int[n][targetWidth];
    int[][] targetOutput = new int[n][targetWidth];
    int[] targetLengths = new int[n];
    long[] indices = new long[n];
    for (int b = 0; b < n; b++) {
      EncodedPair p = pool[members[b]];
      int[] s = p.source();
      // new int[] rows are already PAD (0) beyond the real tokens
      System.arraycopy(s, 0, source[b], 0, s.length);
      source[b][s.length] = EOS;
      sourceLengths[b] = s.length + 1;
      if (withTarget) {
        int[] t = p.target();
        targetInput[b][0] = BOS;
        System.arraycopy(t, 0, targetInput[b], 1, t.length);
        System.arraycopy(t, 0, targetOutput[b], 0, t.length);
        targetOutput[b][t.length] = EOS;
        targetLengths[b] = t.length + 1;
      }
      indices[b] = p.index();
    }
    return new Batch(source, sourceLengths, targetInput, targetOutput, targetLengths, indices);
  }
}
