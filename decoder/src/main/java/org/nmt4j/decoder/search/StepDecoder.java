package org.nmt4j.decoder.search;

import org.nmt4j.decoder.search.impl.RowMath;

/**
 * A batch of decoder states that gives the logits of the next token, one step at a time.
 *
 * <p>This is what a decoding strategy drives: the encoder has already run, and each row holds
 * one hypothesis's recurrent state (the (h, c) of every decoder layer). A row is a sentence, or
 * one sample of a sentence when several are drawn. The strategy feeds each row's previous token
 * and reads the logits for the next one; when rows finish it may drop them with {@link
 * #retainRows(int[], int)} so that they stop costing work.
 *
 * <p>An instance belongs to one decoding call and one thread; the model behind it is only read.
 */
public interface StepDecoder {
  /**
   * @return the number of live rows now: the batch size at first, then what the last {@link
   *     #retainRows(int[], int)} kept
   */
  int rows();

  /** @return the target vocabulary size V, the width of a logits row */
  int vocabularySize();

  /**
   * Advances every live row by one token and writes the next-token logits.
   *
   * @param previousTokens [rows()] the token each row emitted last ({@code <s>} at the first
   *     step); only the first {@code rows()} entries are read
   * @param logits [rows(), V] row-major output, unnormalised scores of the next token; only the
   *     first {@code rows() * V} entries are written
   */
  void step(int[] previousTokens, float[] logits);

  /**
   * Whether {@link #logNormalizers} computes the log-normalisers itself (natively), rather than
   * by its default reduction over the logits array, which a caller may split over threads.
   */
  default boolean computesLogNormalizers() {
    return false;
  }

  /**
   * The log-normaliser {@code log(sum_j exp(l[r, j]))} of each of the first {@code rows} rows
   * of the logits l of the last {@link #step}, given where each row has its maximum. By default
   * from {@code logits}, as {@link #step} wrote them ({@link RowMath#logSumExp}); a decoder that
   * {@link #computesLogNormalizers} may read its own copy instead. A row holding a NaN gets an
   * unspecified value.
   *
   * @param logits [rows, V] what the last {@link #step} wrote
   * @param rows live rows, at most {@link #rows()}
   * @param best [rows] (at least) an index of each row's largest logit
   * @param max [rows] (at least) each row's largest logit, {@code l[r, best[r]]}
   * @param out [rows] (at least) where the log-normalisers go
   */
  default void logNormalizers(float[] logits, int rows, int[] best, float[] max, double[] out) {
    int vocab = vocabularySize();
    for (int r = 0; r < rows; r++) {
      out[r] = RowMath.logSumExp(logits, r * vocab, vocab, max[r]);
    }
  }

  /**
   * Keeps only some rows, in the given order, and drops the others' state.
   *
   * @param keep [count] indices of live rows to keep, strictly increasing; row {@code keep[i]}
   *     becomes row {@code i}
   * @param count how many entries of {@code keep} are used, at least 1
   */
  void retainRows(int[] keep, int count);
}
