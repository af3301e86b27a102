package org.nmt4j.corpora.batch;

import java.util.Objects;

/**
 * A sentence pair as vocabulary ids, without special tokens ({@code <s>} and {@code </s>} are
 * added when batching).
 *
 * @param source [sourceTokens] source ids (may be empty)
 * @param target [targetTokens] target ids (empty for translation input)
 * @param index position of the pair in its corpus, carried into {@link Batch#indices()}
 */
public record EncodedPair(int[] source, int[] target, long index) {

  private static final int[] NONE = new int[0];

  /** Checks that the arrays are present. */
  public EncodedPair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /** A source sentence alone, for translation. */
  public static EncodedPair sourceOnly(int[] source, long index) {
    return new EncodedPair(source, NONE, index);
  }
}
