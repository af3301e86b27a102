package org.nmt4j.decoder.search;

import org.nmt4j.decoder.search.impl.RowMath;
import org.nmt4j.decoder.search.impl.StepLoop;

/**
 * Greedy decoding: at every step each row takes its most probable next token (the lowest id
 * among equal logits), until it emits the end token or reaches its maximum length.
 *
 * <p>The choice needs no softmax (an argmax over the logits); the softmax normaliser is still
 * computed once per row and step, for the hypothesis's log-probability. Stateless and safe to
 * share across threads.
 */
public final class GreedyDecoding implements DecodingStrategy {
  private static final StepLoop.TokenChooser ARGMAX = new StepLoop.TokenChooser() {
    @Override
    public int choose(float[] logits, int offset, int vocab, float max, int row, int banned) {
      return RowMath.argmax(logits, offset, vocab, max, banned);
    }

    @Override
    public boolean choosesFirstMaximum() {
      return true; // the step loop then takes the index its max pass found (no second pass)
    }
  };

  @Override
  public Hypothesis[] decode(StepDecoder decoder, SearchRequest request) {
    return StepLoop.run(decoder, request, ARGMAX);
  }

  @Override
  public String toString() {
    return "greedy";
  }
}
