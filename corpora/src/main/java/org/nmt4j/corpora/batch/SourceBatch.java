package org.nmt4j.corpora.batch;

/**
 * The input of inference: padded source ids of sentences to translate or score, without any
 * target side (a training pair's is {@link Batch}).
 *
 * @param source [batch, sourceLength] padded source ids (each ending in {@code </s>})
 * @param sourceLengths [batch] real lengths, each at least 1
 * @param indices [batch] position of each sentence in the input, for restoring order
 */
public record SourceBatch(int[][] source, int[] sourceLengths, long[] indices) {

  /** Checks that the arrays agree in shape and that the lengths fit. */
  public SourceBatch {
    int n = source.length;
    if (n == 0) {
      throw new IllegalArgumentException("a batch needs at least one sentence");
    }
    if (sourceLengths.length != n || indices.length != n) {
      throw new IllegalArgumentException("batch arrays disagree on the batch size " + n);
    }
    int sl = source[0].length;
    for (int b = 0; b < n; b++) {
      if (source[b].length != sl) {
        throw new IllegalArgumentException("batch row " + b + " is not padded to the batch width");
      }
      if (sourceLengths[b] < 1 || sourceLengths[b] > sl) {
        throw new IllegalArgumentException("batch row " + b + " has source length " + sourceLengths[b]);
      }
    }
  }

  /** The source side of a training batch (e.g. to decode its sources). */
  public static SourceBatch of(Batch batch) {
    return new SourceBatch(batch.source(), batch.sourceLengths(), batch.indices());
  }

  /** Number of sentences. */
  public int size() {
    return source.length;
  }

  /** Padded source width. */
  public int sourceLength() {
    return source[0].length;
  }
}
