package org.nmt4j.lm.model;

import org.nmt4j.nn.Padding;

/**
 * The cross-entropy of a language model on a token stream: every token after the first is
 * predicted once from the tokens before it in its part of the stream. The stream is cut into
 * {@code streams} consecutive parts run side by side (each from a zero state, so only the first
 * tokens of each part lose their earlier context) in chunks of {@code chunk} steps with the state
 * carried across chunks.
 */
public final class StreamScorer {
  private StreamScorer() {}

  /**
   * @param nll summed negative log-likelihood in nats
   * @param predictions tokens predicted
   */
  public record Score(double nll, long predictions) {
    /** Mean nats per token. */
    public double nats() {
      return nll / predictions;
    }

    /** Mean bits per token (bits per character with the char tokenizer). */
    public double bits() {
      return nats() / Math.log(2);
    }

    /** exp(nats). */
    public double perplexity() {
      return Math.exp(nats());
    }
  }

  /** Scores {@code ids} (at least 2 tokens). */
  public static Score score(RnnLanguageModel model, ChunkBuffers buffers, int[] ids, int streams,
      int chunk) {
    long p = ids.length - 1L;
    if (p < 1) {
      throw new IllegalArgumentException("a text to score needs at least 2 tokens");
    }
    int s = (int) Math.min(streams, p);
    int[] length = new int[s];
    int[] start = new int[s];
    int offset = 0;
    for (int b = 0; b < s; b++) {
      length[b] = (int) (p / s + (b < p % s ? 1 : 0));
      start[b] = offset;
      offset += length[b];
    }
    RecurrentState state = model.zeroState(s);
    double nll = 0;
    int longest = length[0];
    int[] in = new int[chunk * s];
    int[] out = new int[chunk * s];
    for (int t0 = 0; t0 < longest; t0 += chunk) {
      int time = Math.min(chunk, longest - t0);
      int[] lengths = new int[s];
      boolean padded = false;
      for (int b = 0; b < s; b++) {
        lengths[b] = Math.max(0, Math.min(time, length[b] - t0));
        padded |= lengths[b] < time;
      }
      for (int t = 0; t < time; t++) {
        for (int b = 0; b < s; b++) {
          int pos = start[b] + Math.min(t0 + t, length[b] - 1);
          in[t * s + b] = ids[pos];
          out[t * s + b] = ids[pos + 1];
        }
      }
      Padding pad = padded ? Padding.of(lengths, time, model.parameters().dataType()) : null;
      nll += buffers.run(in, out, time, s, pad, state, false, null);
    }
    return new Score(nll, p);
  }
}
