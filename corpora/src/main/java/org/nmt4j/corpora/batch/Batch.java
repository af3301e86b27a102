package org.nmt4j.corpora.batch;

/**
 * One padded mini-batch of sentence pairs as token ids.
 *
 * <p>Placement of the special tokens (ids from {@code Vocabulary}: pad 0, unk 1, {@code <s>} 2,
 * {@code </s>} 3):
 *
 * <ul>
 *   <li>{@code source[b]}: the source tokens followed by {@code </s>}, then padding;
 *       {@code sourceLengths[b]} counts the tokens and the {@code </s>}.
 *   <li>{@code targetInput[b]}: {@code <s>} followed by the target tokens (teacher forcing
 *       input), then padding.
 *   <li>{@code targetOutput[b]}: the target tokens followed by {@code </s>} (what is predicted at
 *       each step), then padding. {@code targetLengths[b]} is the number of real steps of both.
 * </ul>
 *
 * <p>All rows of one array have the same length ({@code [batch, sourceLength]} and {@code [batch,
 * targetLength]}), and a position {@code t} is real exactly when {@code t < length[b]}. A batch
 * may hold no target (translation input): then the target arrays are empty {@code [batch, 0]}.
 *
 * @param source [batch, sourceLength] padded source ids
 * @param sourceLengths [batch] real lengths, each at least 1
 * @param targetInput [batch, targetLength] padded decoder inputs
 * @param targetOutput [batch, targetLength] padded decoder outputs
 * @param targetLengths [batch] real lengths
 * @param indices [batch] position of each pair in the corpus it came from, for restoring order
 */
public record Batch(
    int[][] source,
    int[] sourceLengths,
    int[][] targetInput,
    int[][] targetOutput,
    int[] targetLengths,
    long[] indices) {

  /** Checks that the arrays agree in shape and that the lengths fit. */
  public Batch {
    int n = source.length;
    if (n == 0) {
      throw new IllegalArgumentException("a batch needs at least one sentence");
    }
    if (sourceLengths.length != n
        || targetInput.length != n
        || targetOutput.length != n
        || targetLengths.length != n
        || indices.length != n) {
      throw new IllegalArgumentException("batch arrays disagree on the batch size " + n);
    }
    int sl = source[0].length;
    int tl = targetInput[0].length;
    for (int b = 0; b < n; b++) {
      if (source[b].length != sl || targetInput[b].length != tl || targetOutput[b].length != tl) {
        throw new IllegalArgumentException("batch row " + b + " is not padded to the batch width");
      }
      if (sourceLengths[b] < 1 || sourceLengths[b] > sl) {
        throw new IllegalArgumentException("batch row " + b + " has source length " + sourceLengths[b]);
      }
      if (targetLengths[b] < 0 || targetLengths[b] > tl) {
        throw new IllegalArgumentException("batch row " + b + " has target length " + targetLengths[b]);
      }
    }
  }

  /** Number of sentence pairs. */
  public int size() {
    return source.length;
  }

  /** Padded source width. */
  public int sourceLength() {
    return source[0].length;
  }

  /** Padded target width (0 for a source-only batch). */
  public int targetLength() {
    return targetInput[0].length;
  }

  /** Real target tokens predicted (the sum of target lengths): the loss is a mean over these. */
  public long targetTokens() {
    long n = 0;
    for (int l : targetLengths) {
      n += l;
    }
    return n;
  }
}
